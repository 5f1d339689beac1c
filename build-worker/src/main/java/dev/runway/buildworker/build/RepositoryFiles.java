package dev.runway.buildworker.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The files of a cloned repository, read as hostile: a repository may hold symbolic links to
 * anywhere on the build host (an {@code apprunner.yaml} linked to a credentials file, a source
 * directory linked to {@code /}, a link in the build context that {@code COPY} would follow into
 * the image). Every path is checked by where it really is, and nothing is read or written through
 * a link that leads out of the checkout.
 */
final class RepositoryFiles {

    /** A path of the repository that leads outside it; the message is for the user. */
    static final class OutsideRepository extends Exception {
        OutsideRepository(String message) {
            super(message, null, false, false);
        }
    }

    private final Path checkout;
    private final Path real;

    /** @param checkout the repository's working tree, as cloned */
    RepositoryFiles(Path checkout) throws IOException {
        this.checkout = checkout;
        this.real = checkout.toRealPath();
    }

    /**
     * The directory {@code relative} (App Runner's SourceDirectory) inside the checkout, by its real
     * path; empty when it does not exist or is not a directory.
     */
    Optional<Path> directory(String relative) throws IOException, OutsideRepository {
        String clean = relative == null ? "" : relative.replaceFirst("^/+", "");
        Path lexical = checkout.resolve(clean).normalize();
        if (!lexical.startsWith(checkout)) {
            throw new OutsideRepository("Source directory " + relative + " is outside the repository.");
        }
        if (!Files.exists(lexical)) {
            return Optional.empty();
        }
        Path target = lexical.toRealPath();
        if (!target.startsWith(real)) {
            throw new OutsideRepository("Source directory " + relative + " is a link to " + target
                    + ", outside the repository.");
        }
        return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
    }

    /** Whether {@code name} in {@code directory} is a file of the repository (a link to one inside counts). */
    boolean isFile(Path directory, String name) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.exists(file)) {
            return false;
        }
        return file.toRealPath().startsWith(real) && Files.isRegularFile(file.toRealPath());
    }

    /** Reads {@code name} in {@code directory}, refusing a link that leads out of the repository. */
    String read(Path directory, String name) throws IOException, OutsideRepository {
        Path file = directory.resolve(name);
        Path target = file.toRealPath();
        if (!target.startsWith(real)) {
            throw new OutsideRepository(relative(file) + " is a link to " + target + ", outside the repository;"
                    + " Runway reads only the repository's own files.");
        }
        return Files.readString(target, StandardCharsets.UTF_8);
    }

    /**
     * Writes a file of Runway's own into {@code directory}: whatever the repository has at that name
     * (a link to a file of the host, say) is removed first, and the new file is created, never
     * opened through a link.
     */
    void writeOwn(Path directory, String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.deleteIfExists(file); // a link is removed, not followed
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Refuses a build context holding a link that leads out of the repository: the image build
     * would follow it and copy the host's file into the image.
     */
    void checkContext(Path context) throws IOException, OutsideRepository {
        Path[] escape = new Path[2];
        Files.walkFileTree(context, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    Path target;
                    try {
                        target = file.toRealPath();
                    } catch (IOException dangling) {
                        return FileVisitResult.CONTINUE; // leads nowhere: nothing to copy
                    }
                    if (!target.startsWith(real)) {
                        escape[0] = file;
                        escape[1] = target;
                        return FileVisitResult.TERMINATE;
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (escape[0] != null) {
            throw new OutsideRepository(relative(escape[0]) + " is a link to " + escape[1]
                    + ", outside the repository; the build would copy it into the image. Remove the link.");
        }
    }

    /** The file's path in the repository, as its owner knows it. */
    private String relative(Path file) {
        return (file.startsWith(real) ? real.relativize(file) : checkout.relativize(file)).toString();
    }
}
