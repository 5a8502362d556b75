package dev.hourglass.backend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The control plane: REST API v1, scheduler, agent endpoints and pages. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HourglassApplication {

    public static void main(String[] args) {
        SpringApplication.run(HourglassApplication.class, args);
    }
}
