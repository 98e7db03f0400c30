package io.latchkey.infrastructure.security;

import io.latchkey.application.DriveApi;
import io.latchkey.application.settings.ApiSettings;
import io.latchkey.application.settings.OpenIdSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET {API base}/drive/v3/files?orderBy=modifiedTime desc&pageSize=N&fields=…} with the
 * user's access token. Only http(s) links are kept, so that a page never renders a {@code
 * javascript:} link from the API.
 */
@ApplicationScoped
public class HttpDriveApi implements DriveApi {

  static final String FIELDS = "files(id,name,modifiedTime,webViewLink)";

  @Inject ApiSettings api;
  @Inject OpenIdSettings settings;

  private HttpClient client;

  @PostConstruct
  void start() {
    client = JdkClients.forProvider(settings);
  }

  @Override
  public Listing recentFiles(String accessToken, int count) {
    URI uri =
        URI.create(
            api.baseUrl()
                + "/drive/v3/files?orderBy="
                + encode("modifiedTime desc")
                + "&pageSize="
                + count
                + "&fields="
                + encode(FIELDS));
    HttpResponse<String> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(uri)
                  .timeout(settings.readTimeout())
                  .header("Accept", "application/json")
                  .header("Authorization", "Bearer " + accessToken)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Listing.Unavailable("interrupted");
    } catch (IOException | RuntimeException e) {
      return new Listing.Unavailable("the API did not answer: " + e.getClass().getSimpleName());
    }
    if (response.statusCode() == 401) {
      return new Listing.Unauthorized();
    }
    if (response.statusCode() != 200) {
      return new Listing.Unavailable("the API answered HTTP " + response.statusCode());
    }
    try {
      return new Listing.Files(files(response.body(), count));
    } catch (RuntimeException e) {
      return new Listing.Unavailable("the API's answer is not a file list");
    }
  }

  static List<DriveFile> files(String body, int count) {
    JsonObject document;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      document = reader.readObject();
    }
    JsonArray files = document.getJsonArray("files");
    List<DriveFile> listed = new ArrayList<>();
    if (files == null) {
      return listed;
    }
    for (JsonValue value : files) {
      if (listed.size() == count || value.getValueType() != JsonValue.ValueType.OBJECT) {
        continue;
      }
      JsonObject file = value.asJsonObject();
      String link = file.getString("webViewLink", null);
      if (link != null && !link.startsWith("https://") && !link.startsWith("http://")) {
        link = null;
      }
      listed.add(
          new DriveFile(
              file.getString("name", ""), instant(file.getString("modifiedTime", null)), link));
    }
    return listed;
  }

  private static Instant instant(String value) {
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
