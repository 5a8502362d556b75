package dev.hourglass.scheduler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What each team may still take in this pass: its quota, less what it holds and what the pass gave it. */
final class QuotaLedger {

    private static final class Account {
        final int quota;
        final int inUse;
        int placedThisPass;

        Account(int quota, int inUse) {
            this.quota = quota;
            this.inUse = inUse;
        }

        int held() {
            return inUse + placedThisPass;
        }
    }

    private final Map<String, Account> accounts = new HashMap<>();

    QuotaLedger(List<TeamQuota> teams) {
        for (TeamQuota team : teams) {
            accounts.put(team.team(), new Account(team.quotaGpus(), team.gpusInUse()));
        }
    }

    boolean allows(QueuedJob job) {
        Account account = accounts.get(job.team());
        return account != null && account.held() + job.gpus() <= account.quota;
    }

    void charge(QueuedJob job) {
        accounts.get(job.team()).placedThisPass += job.gpus();
    }

    WaitReason refusal(QueuedJob job) {
        Account account = accounts.get(job.team());
        if (account == null || account.quota == 0) {
            return new WaitReason(WaitKind.QUOTA, "team " + job.team() + " has no GPU quota; an admin must give it at least "
                    + WaitReasons.gpus(job.gpus()) + " for this job to run");
        }
        if (account.quota < job.gpus()) {
            return new WaitReason(WaitKind.QUOTA, "team " + job.team() + " has a " + account.quota
                    + "-GPU quota, smaller than this job's " + WaitReasons.gpus(job.gpus()) + "; ask an admin to raise it or submit a smaller job");
        }
        String thisPass = account.placedThisPass == 0 ? "" : " (" + account.placedThisPass + " of them started in this pass)";
        return new WaitReason(WaitKind.QUOTA, "team " + job.team() + " holds " + account.held() + " of its " + account.quota
                + "-GPU quota" + thisPass + "; this job needs " + job.gpus() + " more");
    }
}
