package dev.zdd.hasher.site;

import dev.zdd.hasher.io.ParallelIo;
import dev.zdd.hasher.refs.ParsedFile;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** Reads every text file of a site for references, in parallel; hashing and checking read sites the same way. */
public final class SiteReader {
    private final ParallelIo parallel;

    public SiteReader(ParallelIo parallel) {
        this.parallel = parallel;
    }

    /** A text file, read. */
    public record ReadFile(SiteFile file, ParsedFile parsed, TextCodec codec) {
    }

    /** The text files among {@code files}, read, in the order given. */
    public List<ReadFile> read(List<SiteFile> files) throws IOException {
        List<SiteFile> texts = files.stream().filter(f -> f.type().isText()).toList();
        return parallel.map(texts, file -> {
            byte[] bytes = Files.readAllBytes(file.file());
            TextCodec codec = TextCodec.detect(bytes);
            return new ReadFile(file, file.type().newReader().read(file.path(), codec.decode(bytes)), codec);
        });
    }
}
