package dev.heron.api.similar;

/**
 * Turns a campaign's text into a vector of {@link #DIMENSIONS} numbers, stored in {@code
 * campaigns.embedding} and compared by cosine distance. Locally the {@link HashingEmbedder} does it
 * offline; a provider backed by a language model implements the same interface, and a change of
 * {@link #model()} makes every campaign be embedded again.
 */
public interface EmbeddingProvider {
  /** The width of {@code vector(768)} in the schema. */
  int DIMENSIONS = 768;

  /** Names the model, stored next to each embedding it made. */
  String model();

  /** A vector of {@link #DIMENSIONS} values, of unit length (or all zero for empty text). */
  float[] embed(String text);
}
