package dev.zdd.migrate;

import java.util.List;

/**
 * Whether a migration contracts the schema: removes, renames or tightens something the previous release may still
 * use. A contract migration may only go live once no slot runs a release older than the live one.
 *
 * @param contract whether it contracts
 * @param reasons  what makes it one, each as "line:column what", in file order; empty when it does not
 */
public record Contract(boolean contract, List<String> reasons) {
}
