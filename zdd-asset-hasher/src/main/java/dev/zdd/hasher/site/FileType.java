package dev.zdd.hasher.site;

import dev.zdd.hasher.refs.CssReferences;
import dev.zdd.hasher.refs.FileReader;
import dev.zdd.hasher.refs.HtmlReferences;
import dev.zdd.hasher.refs.JsonReferences;
import dev.zdd.hasher.refs.SourceMapCommentReferences;

import java.util.Locale;

/** How a file is read for references; {@link #OPAQUE} files are never opened as text. */
public enum FileType {
    PAGE, SVG, STYLESHEET, SCRIPT, SOURCE_MAP, WEB_MANIFEST, OPAQUE;

    /** The type of {@code path}; {@code webManifest} says whether the site declares it a web app manifest. */
    public static FileType of(String path, boolean webManifest) {
        if (webManifest) {
            return WEB_MANIFEST;
        }
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html", "htm", "xhtml" -> PAGE;
            case "svg" -> SVG;
            case "css" -> STYLESHEET;
            case "js", "mjs", "cjs" -> SCRIPT;
            case "map" -> SOURCE_MAP;
            case "webmanifest" -> WEB_MANIFEST;
            default -> OPAQUE;
        };
    }

    public boolean isText() {
        return this != OPAQUE;
    }

    /** A new reader for this type; readers are not shared between threads. */
    public FileReader newReader() {
        return switch (this) {
            // An SVG file is read as HTML reads inline SVG (foreign content): image, use and feImage hrefs,
            // style attributes and <style> blocks, with every other byte kept.
            case PAGE, SVG -> new HtmlReferences();
            case STYLESHEET -> FileReader.of(new CssReferences());
            case SCRIPT -> FileReader.of(new SourceMapCommentReferences());
            case SOURCE_MAP -> FileReader.of(JsonReferences.sourceMap());
            case WEB_MANIFEST -> FileReader.of(JsonReferences.webManifest());
            case OPAQUE -> throw new IllegalStateException("opaque files are not read");
        };
    }
}
