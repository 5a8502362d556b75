package dev.hourglass.backend.accounts;

import dev.hourglass.backend.accounts.AccountService.UserView;
import dev.hourglass.backend.accounts.ApiTokenService.CreatedToken;
import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.security.Role;
import dev.hourglass.backend.system.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "users", description = "Users and their API tokens")
@RestController
@RequestMapping("/api/v1")
public class AccountController {

    /** The longest life a token may be given, in days (ten years). */
    static final long MAX_TOKEN_DAYS = 3650;

    private final AccountService accounts;
    private final ApiTokenService tokens;

    public AccountController(AccountService accounts, ApiTokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    public record CreateUser(String username, String password, Role role, String team) {
    }

    /** @param expiresInDays optional: the token stops working this many days after its creation */
    public record CreateToken(@NotBlank @Size(max = 100) String name,
                              @Min(1) @Max(MAX_TOKEN_DAYS) Integer expiresInDays) {
    }

    public record Me(String username, Role role, String team) {
    }

    @Operation(operationId = "getMe", summary = "Who the caller is")
    @GetMapping("/me")
    Me me(@AuthenticationPrincipal HourglassPrincipal caller) {
        return new Me(caller.username(), caller.role(), caller.teamName());
    }

    @Operation(operationId = "listUsers", summary = "List users (admin)")
    @GetMapping("/users")
    List<UserView> users() {
        return accounts.list();
    }

    @ApiResponse(responseCode = "201", description = "the user")
    @ApiResponse(responseCode = "409", description = "a user of that name exists")
    @Operation(operationId = "createUser", summary = "Create a user (admin)")
    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView createUser(@RequestBody CreateUser request) {
        return accounts.create(request.username(), request.password(), request.role(), request.team());
    }

    @ApiResponse(responseCode = "201", description = "the token, its secret shown this once")
    @ApiResponse(responseCode = "404", description = "no such user, or not you")
    @Operation(operationId = "createToken", summary = "Create an API token; its secret is shown once")
    @PostMapping("/users/{username}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedToken createToken(@PathVariable String username, @Valid @RequestBody CreateToken request,
                             @AuthenticationPrincipal HourglassPrincipal caller) {
        UserAccount user = accounts.findSelfOrAdmin(username, caller);
        return tokens.create(user.getId(), request.name(), request.expiresInDays());
    }

    @Operation(operationId = "listTokens", summary = "List a user's API tokens")
    @GetMapping("/users/{username}/tokens")
    List<TokenView> listTokens(@PathVariable String username, @AuthenticationPrincipal HourglassPrincipal caller) {
        UserAccount user = accounts.findSelfOrAdmin(username, caller);
        return tokens.list(user.getId()).stream().map(TokenView::of).toList();
    }

    @ApiResponse(responseCode = "404", description = "no such token of that user")
    @ApiResponse(responseCode = "200", description = "the token, revoked")
    @Operation(operationId = "revokeToken", summary = "Revoke an API token")
    @DeleteMapping("/users/{username}/tokens/{id}")
    TokenView revokeToken(@PathVariable String username, @PathVariable long id,
                          @AuthenticationPrincipal HourglassPrincipal caller) {
        UserAccount user = accounts.findSelfOrAdmin(username, caller);
        if (id <= 0) {
            throw ApiException.invalid("id", "token id must be positive");
        }
        return TokenView.of(tokens.revoke(user.getId(), id));
    }
}
