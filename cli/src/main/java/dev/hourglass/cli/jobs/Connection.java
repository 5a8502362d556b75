package dev.hourglass.cli.jobs;

import dev.hourglass.client.ApiClient;
import dev.hourglass.client.api.JobsApi;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where the control plane is and who calls it: {@code --url} and {@code --token}, else {@code HOURGLASS_URL} and
 * {@code HOURGLASS_TOKEN}, else {@code url=} and {@code token=} in the config file: {@code --config}, else the file
 * {@code HOURGLASS_CONFIG} names, else {@code ~/.config/hourglass/config}.
 */
public final class Connection {

    static final String URL = "HOURGLASS_URL";
    static final String TOKEN = "HOURGLASS_TOKEN";
    static final String CONFIG = "HOURGLASS_CONFIG";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", description = "the control plane, e.g. http://localhost:8080 (default: $" + URL
            + " or the config file)")
    String url;

    @Option(names = "--token", description = "an API token (default: $" + TOKEN + " or the config file)")
    String token;

    @Option(names = "--config", description = "a file of url=... and token=... lines (default: $" + CONFIG
            + " or ~/.config/hourglass/config)")
    Path config;

    private final Map<String, String> environment = System.getenv();

    /** The generated REST client's jobs API, pointed at the control plane with the token. */
    JobsApi jobs() {
        return new JobsApi(client());
    }

    ApiClient client() {
        Properties config = config();
        String base = first(url, environment.get(URL), config.getProperty("url"));
        String bearer = first(token, environment.get(TOKEN), config.getProperty("token"));
        if (base == null) {
            throw new ParameterException(spec.commandLine(), "where is the control plane? pass --url, set " + URL
                    + ", or put url=... in " + configFile());
        }
        if (bearer == null) {
            throw new ParameterException(spec.commandLine(), "no API token: pass --token, set " + TOKEN
                    + ", or put token=... in " + configFile() + " (create one in the web UI or with POST"
                    + " /api/v1/users/{you}/tokens)");
        }
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        client.setConnectTimeout(Duration.ofSeconds(10));
        client.setReadTimeout(Duration.ofSeconds(60));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
        return client;
    }

    Path configFile() {
        if (config != null) {
            return config;
        }
        String named = environment.get(CONFIG);
        return named != null ? Path.of(named)
                : Path.of(System.getProperty("user.home"), ".config", "hourglass", "config");
    }

    private Properties config() {
        Properties config = new Properties();
        Path file = configFile();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                config.load(reader);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
            }
        }
        return config;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
