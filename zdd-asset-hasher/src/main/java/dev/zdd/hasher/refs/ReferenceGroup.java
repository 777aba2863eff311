package dev.zdd.hasher.refs;

/** The syntax family a reference lives in; policies (what to do when its target is missing) are set per group. */
public enum ReferenceGroup {
    HTML, CSS, SOURCE_MAP, WEB_MANIFEST, IMPORT_MAP
}
