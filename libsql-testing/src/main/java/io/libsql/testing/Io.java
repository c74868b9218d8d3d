package io.libsql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** File and process helpers shared by {@link SqldBinary} and {@link SqldServer}. */
final class Io {
    /** How many trailing bytes of a log {@link #tail} reads at most. */
    private static final int TAIL_BYTES = 64 * 1024;

    private Io() {}

    /**
     * Runs a command to completion with its stdout and stderr appended to {@code log}.
     *
     * @return the exit code
     * @throws IOException if the command cannot be started or does not finish within {@code timeout}
     */
    static int run(List<String> command, Path workDir, Path log, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException("`" + String.join(" ", command) + "` did not finish within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running `" + String.join(" ", command) + "`", e);
        }
    }

    /** The last {@code maxLines} lines of a text file (at most its last 64 KiB); empty if it does not exist. */
    static String tail(Path file, int maxLines) {
        byte[] bytes;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(Math.max(0, channel.size() - TAIL_BYTES));
            bytes = Channels.newInputStream(channel).readAllBytes();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
    }

    /** Deletes a file or a directory tree; a missing path is not an error. */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
