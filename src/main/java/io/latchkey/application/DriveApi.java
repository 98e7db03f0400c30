package io.latchkey.application;

import java.time.Instant;
import java.util.List;

/**
 * The Google Drive API, as far as Latchkey calls it for a user: their most recently modified files.
 * Implemented by the infrastructure, at the configured API base URL.
 */
public interface DriveApi {

  /** A file as the list shows it. */
  record DriveFile(String name, Instant modifiedTime, String link) {}

  /** What a listing came to. */
  sealed interface Listing {
    record Files(List<DriveFile> files) implements Listing {}

    /** The API refused the access token (HTTP 401). */
    record Unauthorized() implements Listing {}

    /** No usable answer: unreachable, slow, an error status, not the expected JSON. */
    record Unavailable(String reason) implements Listing {}
  }

  /** The user's {@code count} most recently modified files. */
  Listing recentFiles(String accessToken, int count);
}
