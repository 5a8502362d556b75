package dev.hourglass.backend.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * A job's ETag: a hash of the job as the API shows it, so that it changes whenever anything a client sees changes
 * (its status, its progress, its nodes). {@code If-Match} with it makes a change conditional on the job being as the
 * client last read it.
 */
@Component
class JobETags {

    private final ObjectMapper json;

    JobETags(ObjectMapper json) {
        this.json = json;
    }

    String of(JobView job) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(job));
            return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a job always serializes", e);
        }
    }

    /** Whether an {@code If-Match} header (a list of ETags, or *) admits the job as it is now. */
    boolean admits(String ifMatch, JobView job) {
        String current = of(job);
        return Arrays.stream(ifMatch.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current));
    }
}
