package dev.hourglass.backend.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ControlPlaneTest;
import dev.hourglass.backend.support.WebSession;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The submit form's fields as posted without a browser: what the server answers and what the job page shows. */
class JobSubmitFormTest extends ControlPlaneTest {

    private static final Pattern JOB_PAGE = Pattern.compile("/jobs/(\\d+)$");

    @Test
    void aSeedTypedInTheFormIsTheJobsSeedAndANegativeOneIsRefusedBesideTheField() {
        String team = unique("seeded");
        newTeam(team, 8);
        WebSession member = new WebSession(baseUrl()).logIn(newLogin(team), PASSWORD);
        WebSession.Page form = member.get("/jobs/new");
        assertThat(form.html()).contains("id=\"seed\"").contains("placeholder=\"the job's id\"");
        Map<String, String> fields = new HashMap<>(Map.of("name", "paired", "model", "resnet8", "dataset", "generated",
                "kn", "256", "priority", "0", "_csrf", form.csrfToken()));

        fields.put("seed", "-1");
        WebSession.Page refused = member.post("/jobs", fields);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html()).contains("data-error-for=\"seed\">seed=-1 must be at least 0<");
        assertThat(admin().get("/api/v1/jobs?team=" + team).json().get("total").asLong()).isZero();

        fields.put("seed", "11");
        WebSession.Page submitted = member.post("/jobs", fields);

        assertThat(submitted.status()).isEqualTo(302);
        Matcher jobPage = JOB_PAGE.matcher(submitted.location());
        assertThat(jobPage.find()).as(submitted.location()).isTrue();
        long id = Long.parseLong(jobPage.group(1));
        assertThat(admin().get("/api/v1/jobs/" + id).json().get("seed").asLong()).isEqualTo(11);
        assertThat(member.get("/jobs/" + id).html()).contains("id=\"job-seed\">11<");
    }
}
