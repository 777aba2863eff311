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

    /** A text file, read; {@code bytes} are its original bytes, written as they are when nothing changes. */
    public record ReadFile(SiteFile file, ParsedFile parsed, TextCodec codec, byte[] bytes) {
    }

    /** The text files among {@code files}, read, in the order given. */
    public List<ReadFile> read(List<SiteFile> files) throws IOException {
        List<SiteFile> texts = files.stream().filter(f -> f.type().isText()).toList();
        return parallel.map(texts, SiteReader::read);
    }

    /** One text file, read. */
    public static ReadFile read(SiteFile file) throws IOException {
        byte[] bytes = Files.readAllBytes(file.file());
        TextCodec.Decoded text = TextCodec.read(bytes);
        return new ReadFile(file, file.type().newReader().read(file.path(), text.text()), text.codec(), bytes);
    }
}
