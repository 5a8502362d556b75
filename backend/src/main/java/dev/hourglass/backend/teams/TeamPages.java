package dev.hourglass.backend.teams;

import dev.hourglass.backend.accounts.AccountService;
import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.security.Role;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.backend.system.FormFields;
import dev.hourglass.backend.system.FormProblem;
import dev.hourglass.backend.system.PageController;
import dev.hourglass.backend.teams.TeamService.TeamUsage;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages: every team's quota and usage as bars, and one team's quota, members and their API tokens. */
@PageController
@RequestMapping("/teams")
class TeamPages {

    private final TeamService teams;
    private final AccountService accounts;
    private final Validator validator;

    TeamPages(TeamService teams, AccountService accounts, Validator validator) {
        this.teams = teams;
        this.accounts = accounts;
        this.validator = validator;
    }

    /**
     * @param gpuPercent   GPUs in use against the quota, 0 to 100 (a quota lowered below the use shows full)
     * @param hoursPercent GPU-hours against the team with the most, 0 to 100
     */
    public record TeamBar(TeamUsage usage, double gpuPercent, double hoursPercent) {

        static TeamBar of(TeamUsage usage, double mostGpuHours) {
            double gpus = usage.quotaGpus() == 0 ? (usage.gpusInUse() > 0 ? 100 : 0)
                    : Math.min(100, 100.0 * usage.gpusInUse() / usage.quotaGpus());
            double hours = mostGpuHours == 0 ? 0 : 100 * usage.gpuHours() / mostGpuHours;
            return new TeamBar(usage, gpus, hours);
        }
    }

    @GetMapping
    String list(@AuthenticationPrincipal HourglassPrincipal caller, Model model) {
        List<TeamUsage> usages = teams.visibleTo(caller).stream().map(team -> teams.usage(team.name(), caller))
                .toList();
        double mostGpuHours = usages.stream().mapToDouble(TeamUsage::gpuHours).max().orElse(0);
        model.addAttribute("bars", usages.stream().map(usage -> TeamBar.of(usage, mostGpuHours)).toList());
        return "teams/list";
    }

    @PostMapping
    String create(@RequestParam Map<String, String> values, RedirectAttributes flash) {
        FormFields fields = new FormFields(values);
        String name = fields.text("name");
        Integer quotaGpus = fields.integer("quotaGpus");
        try {
            fields.requireValid();
            FormFields.validate(validator, new TeamController.CreateTeam(name, quotaGpus));
            teams.create(name, quotaGpus);
        } catch (ApiException e) {
            flash.addFlashAttribute("createProblem", FormProblem.of(e));
            flash.addFlashAttribute("typed", values);
            return "redirect:/teams";
        }
        flash.addFlashAttribute("notice", "Team " + name + " created with a quota of " + quotaGpus + " GPUs.");
        return "redirect:/teams/" + name;
    }

    @GetMapping("/{team}")
    String detail(@PathVariable String team, @AuthenticationPrincipal HourglassPrincipal caller, Model model) {
        TeamUsage usage = teams.usage(team, caller);
        model.addAttribute("bar", TeamBar.of(usage, usage.gpuHours()));
        model.addAttribute("members", accounts.membersOf(team));
        model.addAttribute("roles", Role.values());
        return "teams/detail";
    }

    @PostMapping("/{team}/quota")
    String setQuota(@PathVariable String team, @RequestParam Map<String, String> values, RedirectAttributes flash) {
        FormFields fields = new FormFields(values);
        Integer quotaGpus = fields.integer("quotaGpus");
        try {
            fields.requireValid();
            FormFields.validate(validator, new TeamController.SetQuota(quotaGpus));
            teams.setQuota(team, quotaGpus);
            flash.addFlashAttribute("notice", "Team " + team + " now has a quota of " + quotaGpus + " GPUs.");
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            flash.addFlashAttribute("quotaProblem", FormProblem.of(e));
        }
        return "redirect:/teams/{team}";
    }
}
