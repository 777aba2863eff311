package dev.zdd.migrate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The expand-and-contract check across the files of one release: a later migration of the release that contracts
 * what an earlier one of the same release expands. The new release's migrations all run before its code starts, so
 * the release still running meets the contract; the expand/contract way needs a deploy (and a backfill) between the
 * two.
 *
 * <p>A contract step (drop, rename, SET NOT NULL, a constraint validated at once) is reported when an earlier
 * migration of the release
 * <ul>
 * <li>added a column to, or indexed, a table that existed before the release, and the step contracts that table:
 * the column just added, or an old one (new column in, old column out, in one deploy: the per-file rule's
 * reading);</li>
 * <li>created the table it drops or renames.</li>
 * </ul>
 * Other contract steps on a table the release created are not reported: no running code knows that table yet.
 */
final class ReleaseContracts {
    private ReleaseContracts() {
    }

    /** A finding and the statement whose suppressions apply to it. */
    record Found(Finding finding, Statement statement) {
    }

    /**
     * @param release the migrations of one release, in version order
     * @param since   how the release was told apart, for the message: "newer than the released version 41"
     */
    static List<Found> check(List<ParsedMigration> release, String since) {
        List<List<ContractDetector.Step>> steps = release.stream().map(ContractDetector::steps).toList();
        List<Found> found = new ArrayList<>();
        Set<String> createdBefore = new HashSet<>();
        for (int later = 0; later < release.size(); later++) {
            for (ContractDetector.Step contract : steps.get(later)) {
                if (contract.expands()) {
                    continue;
                }
                Expand expand = earlierExpand(release, steps, later, contract, createdBefore);
                if (expand != null) {
                    found.add(new Found(finding(release.get(later), contract, expand, since), contract.statement()));
                }
            }
            createdBefore.addAll(release.get(later).created());
        }
        return found;
    }

    private record Expand(ParsedMigration migration, ContractDetector.Step step) {
    }

    /**
     * The first expand step of a migration before {@code later} that {@code contract} undoes or builds on, or
     * null. {@code createdBefore}: the tables those migrations create.
     */
    private static Expand earlierExpand(List<ParsedMigration> release, List<List<ContractDetector.Step>> steps,
                                        int later, ContractDetector.Step contract, Set<String> createdBefore) {
        boolean createdInRelease = createdBefore.contains(contract.table());
        for (int earlier = 0; earlier < later; earlier++) {
            for (ContractDetector.Step step : steps.get(earlier)) {
                if (step.expands() && step.table().equals(contract.table())
                        && undoes(contract, step, createdInRelease)) {
                    return new Expand(release.get(earlier), step);
                }
            }
        }
        return null;
    }

    private static boolean undoes(ContractDetector.Step contract, ContractDetector.Step expand,
                                  boolean tableCreatedInRelease) {
        return switch (expand.kind()) {
            case ADDS_COLUMN, INDEXES -> !tableCreatedInRelease;
            case CREATES_TABLE -> contract.kind() == ContractDetector.Step.Kind.REMOVES_TABLE;
            default -> false;
        };
    }
    private static Finding finding(ParsedMigration migration, ContractDetector.Step contract, Expand expand,
                                   String since) {
        ContractDetector.Step step = expand.step();
        String expandAt = expand.migration().script().displayPath() + ":" + step.at().line() + ":"
                + step.at().column();
        return new Finding(migration.script().displayPath(), contract.at().line(), contract.at().column(),
                ContractDetector.EXPAND_AND_CONTRACT.id(), ContractDetector.EXPAND_AND_CONTRACT.severity(),
                "this migration " + contract.what() + ", but " + expandAt + " " + step.what() + " in the same"
                        + " release (" + since + "): both run before the new code starts, so the release still"
                        + " running meets the contract with no deploy in between",
                "move the contract to a later release, once the expand is deployed, backfilled (zdd:backfill) and no"
                        + " slot runs the old code; if this release is really two, deploy the first part first");
    }
}
