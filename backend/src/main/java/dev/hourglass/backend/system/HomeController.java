package dev.hourglass.backend.system;

import org.springframework.web.bind.annotation.GetMapping;

/** A browser lands on the jobs; the API's own documentation stays at /swagger-ui.html, linked in the header. */
@PageController
public class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:/jobs";
    }
}
