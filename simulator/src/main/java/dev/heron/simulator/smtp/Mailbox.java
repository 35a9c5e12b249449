package dev.heron.simulator.smtp;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;

/**
 * The simulated mailboxes on disk: every accepted message, one {@code .eml} file per recipient, at
 * {@code <root>/<recipient>/<message-id>.eml}. A second copy of the same message gets its own file
 * ({@code <message-id>.2.eml}…) rather than replacing the first, so duplicate sends stay visible. A
 * file is complete before the client gets its 250, and nobody learns of a delivery sooner.
 */
public final class Mailbox {
  private final Path root;

  public Mailbox(Path root) throws IOException {
    this.root = Files.createDirectories(root.toAbsolutePath());
  }

  public Path root() {
    return root;
  }

  /** The directory of {@code recipient}'s mailbox. */
  public Path directoryOf(String recipient) {
    return root.resolve(safeName(recipient.toLowerCase(Locale.ROOT)));
  }

  /** Stores {@code raw} for {@code recipient}; {@code messageId} may be null. */
  public Path store(String recipient, String messageId, byte[] raw) throws IOException {
    Path directory = Files.createDirectories(directoryOf(recipient));
    String base =
        messageId == null || messageId.isBlank() ? UUID.randomUUID().toString() : messageId;
    base = safeName(base);
    for (int copy = 1; ; copy++) {
      Path target = directory.resolve(copy == 1 ? base + ".eml" : base + "." + copy + ".eml");
      try {
        // CREATE_NEW is atomic: two copies of one message arriving at once get two files.
        return Files.write(target, raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException taken) {
        // The same message again (a duplicate send): keep both.
      }
    }
  }

  /** A file-name-safe form: path separators and control characters become {@code _}. */
  static String safeName(String text) {
    StringBuilder safe = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      boolean allowed =
          Character.isLetterOrDigit(c) || c == '@' || c == '.' || c == '-' || c == '_' || c == '+';
      safe.append(allowed ? c : '_');
    }
    String name = safe.toString();
    if (name.isEmpty() || name.startsWith(".")) {
      name = "_" + name;
    }
    return name.length() > 200 ? name.substring(0, 200) : name;
  }
}
