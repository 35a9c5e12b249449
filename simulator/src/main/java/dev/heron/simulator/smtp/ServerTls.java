package dev.heron.simulator.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS identity the simulated MX hosts present after STARTTLS: a self-signed certificate for
 * their names and 127.0.0.1, shipped as {@value #RESOURCE}. It secures nothing (its key is public
 * in this repository); it is there so that the senders' STARTTLS path runs as it does against real
 * providers.
 */
final class ServerTls {
  static final String RESOURCE = "/simulator/tls.p12";
  private static final char[] PASSWORD = "heron-sim".toCharArray();

  private ServerTls() {}

  static SSLContext context() {
    try (InputStream in = ServerTls.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot load the simulator's TLS identity: " + e.getMessage(), e);
    }
  }
}
