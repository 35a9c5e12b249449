package dev.heron.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's contacts, spread over the simulator's mailbox providers. Every {@code bounceEvery}-th
 * address has a local part the simulator refuses with {@code 550 5.1.1}; of the others, every
 * {@link #REPLY_EVERY}-th (counted from the eighth) belongs to a recipient who writes back.
 */
public record DemoAudience(List<String> emails) {
  static final List<String> DOMAINS =
      List.of("gmail.test", "outlook.test", "yahoo.test", "icloud.test", "example.test");
  private static final List<String> NAMES =
      List.of(
          "ana", "ben", "chloe", "dev", "emma", "farid", "grace", "hugo", "ines", "jonas", "kai",
          "lena", "mateo", "nora", "omar", "priya", "quinn", "rosa", "sam", "tara");

  static final int REPLY_EVERY = 10;
  private static final String BOUNCES = "bounce.";
  private static final String REPLIES = "reply.";

  public static DemoAudience of(int size, int bounceEvery) {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String name = NAMES.get(i % NAMES.size()) + (i / NAMES.size() == 0 ? "" : i / NAMES.size());
      String local =
          (i + 1) % bounceEvery == 0
              ? BOUNCES + name
              : (i + 3) % REPLY_EVERY == 0 ? REPLIES + name : name;
      emails.add(local + "@" + DOMAINS.get(i % DOMAINS.size()));
    }
    return new DemoAudience(List.copyOf(emails));
  }

  public static boolean refusedBySimulator(String email) {
    return email.startsWith(BOUNCES);
  }

  /** The simulator's {@code reply*} mailboxes accept, then write back to the From address. */
  public static boolean repliesInSimulator(String email) {
    return email.startsWith(REPLIES);
  }

  public long expectedBounces() {
    return emails.stream().filter(DemoAudience::refusedBySimulator).count();
  }

  public long expectedReplies() {
    return emails.stream().filter(DemoAudience::repliesInSimulator).count();
  }

  /** The import file: a header row, then one contact per line. */
  public String csv() {
    StringBuilder csv = new StringBuilder("email,first_name,last_name,company,tags\n");
    for (String email : emails) {
      String local = email.substring(0, email.indexOf('@'));
      String first = local.substring(local.indexOf('.') + 1);
      csv.append(email)
          .append(',')
          .append(Character.toUpperCase(first.charAt(0)))
          .append(first.substring(1))
          .append(",Demo,Heron Demo Co,demo;newsletter\n");
    }
    return csv.toString();
  }
}
