package dev.zdd.hasher.refs;

import java.util.List;
import java.util.function.Predicate;

/** References held in JSON string values at known paths: web app manifests, source maps, import maps. */
public final class JsonReferences implements ReferenceExtractor {
    private final ReferenceKind kind;
    private final Predicate<List<String>> isUrlPath;

    private JsonReferences(ReferenceKind kind, Predicate<List<String>> isUrlPath) {
        this.kind = kind;
        this.isUrlPath = isUrlPath;
    }

    /** {@code icons[].src}, {@code screenshots[].src} and {@code shortcuts[].icons[].src}. */
    public static JsonReferences webManifest() {
        return new JsonReferences(ReferenceKind.WEB_MANIFEST_ICON, path ->
                path.equals(List.of("icons", JsonStrings.ANY_INDEX, "src"))
                        || path.equals(List.of("screenshots", JsonStrings.ANY_INDEX, "src"))
                        || path.equals(List.of("shortcuts", JsonStrings.ANY_INDEX, "icons", JsonStrings.ANY_INDEX,
                        "src")));
    }

    /** The {@code file} field: the generated file this map describes. */
    public static JsonReferences sourceMap() {
        return new JsonReferences(ReferenceKind.SOURCE_MAP_FILE, path -> path.equals(List.of("file")));
    }

    /** Targets in {@code imports} and in each scope of {@code scopes}; specifier keys are not URLs of files. */
    public static JsonReferences importMap() {
        return new JsonReferences(ReferenceKind.IMPORT_MAP, path ->
                (path.size() == 2 && path.get(0).equals("imports"))
                        || (path.size() == 3 && path.get(0).equals("scopes")));
    }

    @Override
    public void extract(String json, ReferenceSink sink) {
        JsonStrings.visit(json, sink, isUrlPath, (path, value, raw) -> {
            if (!value.isEmpty()) {
                sink.add(kind, value, raw, JsonStrings.ENCODER);
            }
        });
    }
}
