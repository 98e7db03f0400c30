package io.latchkey.infrastructure.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.application.LogoutToken;
import io.latchkey.application.LogoutTokenVerifier.InvalidLogoutTokenException;
import io.latchkey.application.ProviderMetadata;
import io.latchkey.testing.fakes.TestSettings;
import jakarta.json.Json;
import java.io.StringReader;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The signature algorithms and key types the integration tests' provider does not use. */
class JdkLogoutTokensTest {

  private static final String ISSUER = "https://id.example.test";

  @Test
  void ellipticCurveAndPssSignaturesAreVerifiedWithTheirJwks() throws Exception {
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();

    LogoutToken es =
        verifier(ec, "ES256").verify(token(JWSAlgorithm.ES256, new ECDSASigner(ec), "ec"));
    assertEquals("sid-1", es.sid());
    LogoutToken ps =
        verifier(rsa, "PS256").verify(token(JWSAlgorithm.PS256, new RSASSASigner(rsa), "rsa"));
    assertEquals("sub-1", ps.subject());
  }

  @Test
  void anAlgorithmNotAllowedOrAKeyOfAnotherKindIsRefused() throws Exception {
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("ec").generate();
    String signedByEc = token(JWSAlgorithm.ES256, new ECDSASigner(ec), "ec");

    assertThrows(InvalidLogoutTokenException.class, () -> verifier(ec, "RS256").verify(signedByEc));
    assertThrows(
        InvalidLogoutTokenException.class, () -> verifier(rsa, "ES256").verify(signedByEc));
  }

  private static String token(JWSAlgorithm algorithm, JWSSigner signer, String keyId)
      throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience("client")
            .issueTime(new Date())
            .jwtID(UUID.randomUUID().toString())
            .subject("sub-1")
            .claim("sid", "sid-1")
            .claim("events", Map.of(JdkLogoutTokens.EVENT, Map.of()))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(algorithm)
                .keyID(keyId)
                .type(new JOSEObjectType("logout+jwt"))
                .build(),
            claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static JdkLogoutTokens verifier(JWK published, String algorithms) {
    JdkLogoutTokens verifier = new JdkLogoutTokens();
    verifier.settings = TestSettings.provider(ISSUER, algorithms);
    verifier.clock = Clock.systemUTC();
    verifier.metadata = new KnownKeys();
    PublicKey key =
        ProviderKeys.publicKey(
                Json.createReader(new StringReader(published.toPublicJWK().toJSONString()))
                    .readObject())
            .orElseThrow();
    verifier.keys =
        new ProviderKeys() {
          @Override
          Optional<PublicKey> find(String jwksUrl, String keyId) {
            return Optional.of(key);
          }
        };
    return verifier;
  }

  /** A provider whose JWKS URL is known (the keys are given directly). */
  private static final class KnownKeys implements ProviderMetadata {
    @Override
    public Optional<String> jwksUri() {
      return Optional.of("https://id.example.test/jwks");
    }

    @Override
    public Optional<String> endSessionEndpoint() {
      return Optional.empty();
    }

    @Override
    public Optional<String> tokenEndpoint() {
      return Optional.empty();
    }

    @Override
    public Optional<String> revocationEndpoint() {
      return Optional.empty();
    }

    @Override
    public Optional<String> inconsistency() {
      return Optional.empty();
    }

    @Override
    public boolean namesIssuerInAuthorizationResponses() {
      return false;
    }

    @Override
    public Optional<String> lastKnownInconsistency() {
      return Optional.empty();
    }
  }
}
