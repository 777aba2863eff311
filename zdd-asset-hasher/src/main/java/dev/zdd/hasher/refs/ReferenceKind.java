package dev.zdd.hasher.refs;

/** What kind of construct a reference was written in. The group decides the missing-target policy. */
public enum ReferenceKind {
    /** {@code <a href>}, {@code <area href>}, {@code <iframe src>}, {@code <link rel=canonical|alternate ...>}. */
    HTML_LINK(ReferenceGroup.HTML, true),
    /** Resource attributes: {@code img src}, {@code script src}, {@code link rel=stylesheet href}, {@code poster}, ... */
    HTML_RESOURCE(ReferenceGroup.HTML, false),
    /** One candidate of a {@code srcset} or {@code imagesrcset}. */
    HTML_SRCSET(ReferenceGroup.HTML, false),
    /** {@code <meta content>} of og:image, twitter:image, msapplication-*. */
    HTML_META(ReferenceGroup.HTML, false),
    /** The URL of {@code <meta http-equiv=refresh content="0; url=...">}. */
    HTML_META_REFRESH(ReferenceGroup.HTML, true),
    /** A module specifier target inside {@code <script type=importmap>}. */
    IMPORT_MAP(ReferenceGroup.IMPORT_MAP, false),
    /** {@code url(...)} and {@code image-set("...")} in CSS. */
    CSS_URL(ReferenceGroup.CSS, false),
    /** {@code @import "..."} and {@code @import url(...)}. */
    CSS_IMPORT(ReferenceGroup.CSS, false),
    /** A {@code sourceMappingURL} comment in JS or CSS. */
    SOURCE_MAP(ReferenceGroup.SOURCE_MAP, false),
    /** The {@code file} field of a source map: the generated file it maps. */
    SOURCE_MAP_FILE(ReferenceGroup.SOURCE_MAP, false),
    /** {@code icons[].src}, {@code screenshots[].src}, {@code shortcuts[].icons[].src} of a web app manifest. */
    WEB_MANIFEST_ICON(ReferenceGroup.WEB_MANIFEST, false);

    private final ReferenceGroup group;
    private final boolean navigation;

    ReferenceKind(ReferenceGroup group, boolean navigation) {
        this.group = group;
        this.navigation = navigation;
    }

    public ReferenceGroup group() {
        return group;
    }

    /** True for links a person follows to another page (their fragments name anchors in that page). */
    public boolean isNavigation() {
        return navigation;
    }
}
