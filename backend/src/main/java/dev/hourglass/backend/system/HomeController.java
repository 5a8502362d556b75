package dev.hourglass.backend.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Until the web UI arrives, a logged-in browser lands on the API's own documentation. */
@Controller
public class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:/swagger-ui.html";
    }
}
