package dev.hourglass.backend.teams;

import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.teams.TeamService.TeamUsage;
import dev.hourglass.backend.teams.TeamService.TeamView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "teams", description = "Teams and their GPU quotas")
@RestController
@RequestMapping("/api/v1/teams")
public class TeamController {

    private final TeamService teams;

    public TeamController(TeamService teams) {
        this.teams = teams;
    }

    public record CreateTeam(@NotNull String name, @NotNull Integer quotaGpus) {
    }

    public record SetQuota(@NotNull Integer quotaGpus) {
    }

    /** Admins see every team; a member sees their own. */
    @Operation(operationId = "listTeams", summary = "List teams")
    @GetMapping
    List<TeamView> list(@AuthenticationPrincipal HourglassPrincipal caller) {
        return teams.visibleTo(caller);
    }

    @ApiResponse(responseCode = "201", description = "the team")
    @ApiResponse(responseCode = "409", description = "a team of that name exists")
    @Operation(operationId = "createTeam", summary = "Create a team (admin)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TeamView create(@Valid @RequestBody CreateTeam request) {
        return teams.create(request.name(), request.quotaGpus());
    }

    @ApiResponse(responseCode = "404", description = "no such team")
    @ApiResponse(responseCode = "200", description = "the team, with its new quota")
    @Operation(operationId = "setTeamQuota", summary = "Set a team's GPU quota (admin)")
    @PutMapping("/{team}/quota")
    TeamView setQuota(@PathVariable String team, @Valid @RequestBody SetQuota request) {
        return teams.setQuota(team, request.quotaGpus());
    }

    @ApiResponse(responseCode = "404", description = "no such team, or not yours")
    @ApiResponse(responseCode = "200", description = "the team's usage")
    @Operation(operationId = "getTeamUsage", summary = "A team's GPU usage")
    @GetMapping("/{team}/usage")
    TeamUsage usage(@PathVariable String team, @AuthenticationPrincipal HourglassPrincipal caller) {
        return teams.usage(team, caller);
    }
}
