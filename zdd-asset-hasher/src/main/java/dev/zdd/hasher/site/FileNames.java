package dev.zdd.hasher.site;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names as the file system holds them. On Linux a name is any bytes; Java shows bytes that are not valid in
 * the platform's encoding (UTF-8) as U+FFFD, and writing that string creates a different name. Such a name cannot
 * be copied, linked or put in a manifest faithfully, so it is refused, and shown with its bytes escaped.
 */
final class FileNames {
    private FileNames() {
    }

    /** Whether the name's string turns back into the same name: false when its bytes are not valid UTF-8. */
    static boolean isFaithful(Path file) {
        Path name = file.getFileName();
        return name == null || name.getFileSystem().getPath(name.toString()).equals(name);
    }

    /** The path of {@code file} below {@code root}, with each byte that is not valid UTF-8 shown as {@code \xNN}. */
    static String escaped(Path root, Path file) {
        // A file URI holds the name's own bytes, percent-encoded; the string form has lost them.
        String rootUri = root.toAbsolutePath().toUri().getRawPath();
        String fileUri = file.toAbsolutePath().toUri().getRawPath();
        String relative = fileUri.startsWith(rootUri) ? fileUri.substring(rootUri.length()) : fileUri;
        if (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);  // a folder's URI ends with a slash
        }
        byte[] bytes = percentDecode(relative);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < bytes.length) {
            int length = sequenceLength(bytes[i]);
            String decoded = length > 0 ? strictUtf8(bytes, i, length) : null;
            if (decoded != null) {
                out.append(decoded);
                i += length;
            } else {
                out.append(String.format("\\x%02X", bytes[i] & 0xff));
                i++;
            }
        }
        return out.toString();
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xff;
        return b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) {
        if (offset + length > bytes.length) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(encoded, 0, encoded.length);
            }
        }
        return out.toByteArray();
    }
}
