package dev.zdd.deploy.fleet;

import dev.zdd.deploy.Actor;
import dev.zdd.deploy.DeployException;
import dev.zdd.deploy.DeployPlan;
import dev.zdd.hasher.text.ByteSize;

import java.util.Locale;
import java.util.Map;

/** A deploy in Markdown, for a CI run's summary page (GitHub Actions' {@code $GITHUB_STEP_SUMMARY}). */
public final class DeploySummary {
    private DeploySummary() {
    }

    public static String markdown(FleetDeploy.Result result, Actor actor) {
        StringBuilder md = new StringBuilder();
        md.append("### zdd: release `").append(cell(result.releaseId())).append("` is live\n\n");
        md.append(String.format(Locale.ROOT, "%d host(s), %.1f s", result.plans().size(),
                result.elapsedMillis() / 1000.0));
        if (result.plans().size() > 1) {
            md.append(", all switched within ").append(result.switchSpreadMillis()).append(" ms");
        }
        if (actor.gitSha() != null) {
            md.append(", commit `").append(cell(actor.gitSha())).append('`');
        }
        md.append("\n\n| host | was live | files | sent | hard-linked | carried over | bytes sent |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, DeployPlan> host : result.plans().entrySet()) {
            DeployPlan plan = host.getValue();
            md.append("| ").append(cell(host.getKey())).append(" | ")
                    .append(plan.liveId() == null ? "(none)" : "`" + cell(plan.liveId()) + "`").append(" | ")
                    .append(plan.files()).append(" | ").append(plan.send().size()).append(" | ")
                    .append(plan.reuse().size()).append(" | ").append(plan.carryOver().size()).append(" | ")
                    .append(ByteSize.format(plan.bytesToSend())).append(" |\n");
        }
        return md.append('\n').toString();
    }

    public static String failureMarkdown(String releaseId, DeployException failure) {
        return "### zdd: deploy of `" + cell(releaseId) + "` failed at " + failure.stage().id() + "\n\n```\n"
                + String.valueOf(failure.getMessage()).replace("```", "'''") + "\n```\n\n";
    }

    /** Text safe inside a Markdown table cell or code span. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
    }
}
