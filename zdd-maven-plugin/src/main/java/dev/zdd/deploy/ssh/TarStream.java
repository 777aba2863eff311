package dev.zdd.deploy.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tar stream of hard links and regular files, as GNU tar reads it: ustar headers, with a pax header before an
 * entry whose name, link target, size or time does not fit ustar's fields (long or non-ASCII names). Headers are
 * formatted straight into one buffer that is written out in large chunks: a general tar library formats every
 * header through charset encoders and many small writes, which costs a fresh JVM about half a second for two
 * thousand entries before the code is compiled.
 */
final class TarStream {
    private static final int BLOCK = 512;
    /** GNU tar's default record (20 blocks); the stream ends on a whole one. */
    private static final int RECORD = 20 * BLOCK;
    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final byte[] FILE_MODE = "0000644".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_ID = "0000000".getBytes(StandardCharsets.US_ASCII);
    /** "ustar\0" and version "00". */
    private static final byte[] USTAR_MAGIC = {'u', 's', 't', 'a', 'r', 0, '0', '0'};

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    private long written;

    TarStream(OutputStream out) {
        this.out = out;
    }

    /** An entry {@code name} hard-linked to {@code target}, an earlier entry or a file already on disk. */
    void link(String name, String target) throws IOException {
        header(name, target, (byte) '1', 0, 0);
    }

    /**
     * A regular file (mode 0644) of exactly {@code size} bytes read from {@code content}.
     *
     * @throws IOException also when {@code content} holds more or fewer bytes than {@code size} (the file changed)
     */
    void file(String name, long size, long modifiedMillis, InputStream content, Object source) throws IOException {
        header(name, null, (byte) '0', size, Math.floorDiv(modifiedMillis, 1000));
        long left = size;
        while (left > 0) {
            if (used == buffer.length) {
                flush();
            }
            int n = content.read(buffer, used, (int) Math.min(buffer.length - used, left));
            if (n < 0) {
                throw new IOException(source + " changed while it was being sent");
            }
            used += n;
            left -= n;
        }
        if (content.read() >= 0) {
            throw new IOException(source + " changed while it was being sent");
        }
        pad();
    }

    /** The end-of-archive blocks, padding to a whole record, then everything written out. */
    void finish() throws IOException {
        zeros(2 * BLOCK);
        long end = written + used;
        zeros((int) ((RECORD - end % RECORD) % RECORD));
        flush();
        out.flush();
    }

    private void header(String name, String linkTarget, byte type, long size, long mtime) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = linkTarget == null ? null : linkTarget.getBytes(StandardCharsets.UTF_8);
        boolean nameFits = fitsUstar(nameBytes);
        boolean linkFits = linkBytes == null || fitsUstar(linkBytes);
        boolean sizeFits = size <= MAX_OCTAL_11;
        boolean timeFits = mtime >= 0 && mtime <= MAX_OCTAL_11;
        if (!nameFits || !linkFits || !sizeFits || !timeFits) {
            PaxRecords pax = new PaxRecords();
            if (!nameFits) {
                pax.add("path", nameBytes);
            }
            if (!linkFits) {
                pax.add("linkpath", linkBytes);
            }
            if (!sizeFits) {
                pax.add("size", Long.toString(size).getBytes(StandardCharsets.US_ASCII));
            }
            if (!timeFits) {
                pax.add("mtime", Long.toString(mtime).getBytes(StandardCharsets.US_ASCII));
            }
            byte[] records = pax.bytes();
            ustar(ascii(("PaxHeaders/" + name)), null, (byte) 'x', records.length, timeFits ? mtime : 0);
            bytes(records);
            pad();
        }
        ustar(nameFits ? nameBytes : ascii(name), linkBytes == null ? null : linkFits ? linkBytes : ascii(linkTarget),
                type, sizeFits ? size : 0, timeFits ? mtime : 0);
    }

    /** One 512-byte ustar header; names longer than the fields are cut (a pax header before it holds them). */
    private void ustar(byte[] name, byte[] link, byte type, long size, long mtime) throws IOException {
        if (buffer.length - used < BLOCK) {
            flush();
        }
        int at = used;
        Arrays.fill(buffer, at, at + BLOCK, (byte) 0);
        System.arraycopy(name, 0, buffer, at, Math.min(100, name.length));
        System.arraycopy(FILE_MODE, 0, buffer, at + 100, 7);
        System.arraycopy(ZERO_ID, 0, buffer, at + 108, 7);
        System.arraycopy(ZERO_ID, 0, buffer, at + 116, 7);
        octal(size, at + 124, 11);
        octal(mtime, at + 136, 11);
        Arrays.fill(buffer, at + 148, at + 156, (byte) ' ');
        buffer[at + 156] = type;
        if (link != null) {
            System.arraycopy(link, 0, buffer, at + 157, Math.min(100, link.length));
        }
        System.arraycopy(USTAR_MAGIC, 0, buffer, at + 257, USTAR_MAGIC.length);
        int sum = 0;
        for (int i = at; i < at + BLOCK; i++) {
            sum += buffer[i] & 0xff;
        }
        octal(sum, at + 148, 6);
        buffer[at + 154] = 0;
        buffer[at + 155] = ' ';
        used += BLOCK;
    }

    private void octal(long value, int at, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            buffer[at + i] = (byte) ('0' + (value & 7));
            value >>>= 3;
        }
    }

    /** Whether ustar's 100-byte field holds the name as it is: ASCII, not longer. */
    private static boolean fitsUstar(byte[] name) {
        if (name.length > 100) {
            return false;
        }
        for (byte b : name) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /** A stand-in for the ustar field when a pax record holds the real name. */
    private static byte[] ascii(String name) {
        byte[] bytes = new byte[Math.min(100, name.length())];
        for (int i = 0; i < bytes.length; i++) {
            char c = name.charAt(i);
            bytes[i] = c > 0 && c < 0x80 ? (byte) c : (byte) '_';
        }
        return bytes;
    }

    private void bytes(byte[] bytes) throws IOException {
        for (int off = 0; off < bytes.length; ) {
            if (used == buffer.length) {
                flush();
            }
            int n = Math.min(buffer.length - used, bytes.length - off);
            System.arraycopy(bytes, off, buffer, used, n);
            used += n;
            off += n;
        }
    }

    private void pad() throws IOException {
        zeros((int) ((BLOCK - (written + used) % BLOCK) % BLOCK));
    }

    private void zeros(int count) throws IOException {
        while (count > 0) {
            if (used == buffer.length) {
                flush();
            }
            int n = Math.min(buffer.length - used, count);
            Arrays.fill(buffer, used, used + n, (byte) 0);
            used += n;
            count -= n;
        }
    }

    private void flush() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            written += used;
            used = 0;
        }
    }

    /** pax extended header records: {@code "<length> <key>=<value>\n"}, the length counting itself. */
    private static final class PaxRecords {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void add(String key, byte[] value) {
            int rest = 1 + key.length() + 1 + value.length + 1;
            int length = rest + Integer.toString(rest).length();
            if (Integer.toString(length).length() > Integer.toString(rest).length()) {
                length++;
            }
            bytes.writeBytes((length + " " + key + "=").getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(value);
            bytes.write('\n');
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
