package dev.hourglass.backend.accounts;

import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.security.Role;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.backend.system.FormFields;
import dev.hourglass.backend.system.FormProblem;
import dev.hourglass.backend.system.PageController;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One's own account and tokens; admins add users to teams and manage anyone's tokens from the team page. */
@PageController
class AccountPages {

    /** Where a token form may send the browser back to: the pages that show token forms, nothing else. */
    private static final Pattern BACK = Pattern.compile("/account|/teams/[a-z0-9][a-z0-9-]{0,63}");

    private final AccountService accounts;
    private final ApiTokenService tokens;
    private final Validator validator;

    AccountPages(AccountService accounts, ApiTokenService tokens, Validator validator) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.validator = validator;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal HourglassPrincipal caller, Model model) {
        model.addAttribute("me", accounts.self(caller));
        return "accounts/account";
    }

    /** Admin (SecurityConfig): a new user of a team, from the team page. */
    @PostMapping("/users")
    String createUser(@RequestParam Map<String, String> values, RedirectAttributes flash) {
        FormFields fields = new FormFields(values);
        String username = fields.text("username");
        String team = fields.text("team");
        Role role = fields.choice("role", Role.class);
        try {
            fields.requireValid();
            accounts.create(username, fields.text("password"), role, team);
            flash.addFlashAttribute("notice", "User " + username + " (" + role + ") added to team " + team + ".");
        } catch (ApiException e) {
            flash.addFlashAttribute("memberProblem", FormProblem.of(e));
            flash.addFlashAttribute("typed", Map.of("username", username == null ? "" : username));
        }
        return "redirect:" + back(team == null ? null : "/teams/" + team);
    }

    @PostMapping("/users/{username}/tokens")
    String createToken(@PathVariable String username, @RequestParam(required = false) String name,
                       @RequestParam(required = false) Integer expiresInDays,
                       @RequestParam(required = false) String back,
                       @AuthenticationPrincipal HourglassPrincipal caller, RedirectAttributes flash) {
        UserAccount user = accounts.findSelfOrAdmin(username, caller);
        flash.addFlashAttribute("tokenOwner", username);
        try {
            FormFields.validate(validator, new AccountController.CreateToken(name, expiresInDays));
            flash.addFlashAttribute("createdToken", tokens.create(user.getId(), name, expiresInDays));
        } catch (ApiException e) {
            flash.addFlashAttribute("tokenProblem", FormProblem.of(e));
        }
        return "redirect:" + back(back);
    }

    @PostMapping("/users/{username}/tokens/{id}/revoke")
    String revokeToken(@PathVariable String username, @PathVariable long id,
                       @RequestParam(required = false) String back,
                       @AuthenticationPrincipal HourglassPrincipal caller, RedirectAttributes flash) {
        UserAccount user = accounts.findSelfOrAdmin(username, caller);
        ApiToken revoked = tokens.revoke(user.getId(), id);
        flash.addFlashAttribute("notice", "Token '" + revoked.getName() + "' of " + username
                + " is revoked: calls with it now get 401.");
        return "redirect:" + back(back);
    }

    private static String back(String requested) {
        return requested != null && BACK.matcher(requested).matches() ? requested : "/account";
    }
}
