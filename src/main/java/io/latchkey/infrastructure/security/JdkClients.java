package io.latchkey.infrastructure.security;

import io.latchkey.application.settings.OpenIdSettings;
import java.net.http.HttpClient;

/**
 * The JDK's HTTP client for Latchkey's own calls to the provider and its APIs (refresh grants,
 * revocations, the Drive API): the provider calls' connect timeout, no redirects followed. Each
 * request sets the read timeout itself ({@code HttpRequest.Builder.timeout}).
 */
final class JdkClients {

  private JdkClients() {}

  static HttpClient forProvider(OpenIdSettings settings) {
    return HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
