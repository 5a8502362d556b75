package dev.hourglass.backend.security;

import dev.hourglass.backend.system.PageController;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form; Spring Security's form login checks what it posts. */
@PageController
class LoginPage {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
