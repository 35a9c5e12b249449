package dev.heron.api.similar;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * A deterministic embedding that needs no model and no network: the "hashing trick" over the text's
 * words and word pairs. Each feature adds ±1 to the dimension its hash picks (the sign from another
 * bit of the hash, so collisions cancel out on average), and the vector is scaled to unit length.
 * Texts sharing many words are close in cosine distance; it knows no synonyms.
 */
@Singleton
public class HashingEmbedder implements EmbeddingProvider {
  @Override
  public String model() {
    return "hashing-v1";
  }

  @Override
  public float[] embed(String text) {
    float[] vector = new float[DIMENSIONS];
    List<String> words = words(text == null ? "" : text);
    List<String> features = new ArrayList<>(words);
    for (int i = 0; i + 1 < words.size(); i++) {
      features.add(words.get(i) + " " + words.get(i + 1));
    }
    for (String feature : features) {
      long hash = hash(feature);
      int dimension = (int) Long.remainderUnsigned(hash, DIMENSIONS);
      vector[dimension] += ((hash >>> 40) & 1) == 0 ? 1 : -1;
    }
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < vector.length; i++) {
        vector[i] *= scale;
      }
    }
    return vector;
  }

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() > 1) {
        words.add(w);
      }
    }
    return words;
  }

  private static long hash(String feature) {
    CRC32 low = new CRC32();
    low.update(feature.getBytes(StandardCharsets.UTF_8));
    CRC32 high = new CRC32();
    high.update(("#" + feature).getBytes(StandardCharsets.UTF_8));
    return (high.getValue() << 32) | low.getValue();
  }
}
