package io.latchkey.interfaces.web;

import io.latchkey.application.AccountService;
import io.latchkey.application.ProviderMetadata;
import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.application.settings.SecuritySettings;
import io.latchkey.interfaces.web.security.Sessions;
import io.latchkey.interfaces.web.security.SignedInSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The sign-out button of every page (a POST with the view state, so no link can sign you out). With
 * {@code OIDC_LOGOUT_AT_PROVIDER=true}, a session started at the provider also ends there
 * (RP-initiated logout with the id_token as hint), and the provider sends the browser back to
 * {@code /login}.
 */
@Named
@RequestScoped
public class SignOutBacking {

  @Inject AccountService accounts;
  @Inject CurrentAccount currentAccount;
  @Inject Sessions sessions;
  @Inject OpenIdSettings openId;
  @Inject ProviderMetadata provider;
  @Inject SecuritySettings security;
  @Inject FacesContext facesContext;

  public void signOut() {
    HttpServletRequest request =
        (HttpServletRequest) facesContext.getExternalContext().getRequest();
    currentAccount.account().ifPresent(a -> accounts.signedOut(a.id(), request.getRemoteAddr()));
    Optional<String> hint =
        sessions.current(request).map(SignedInSession::idTokenHint).filter(h -> !h.isEmpty());
    sessions.end(request, (HttpServletResponse) facesContext.getExternalContext().getResponse());
    String login = "/login?signed-out=true";
    Optional<String> endSession =
        openId.isLogoutAtProvider() ? provider.endSessionEndpoint() : Optional.empty();
    String target =
        hint.isPresent() && endSession.isPresent()
            ? endSession.get()
                + (endSession.get().contains("?") ? "&" : "?")
                + "id_token_hint="
                + encode(hint.get())
                + "&post_logout_redirect_uri="
                + encode(security.baseUrl() + login)
                + "&client_id="
                + encode(openId.getClientId())
            : request.getContextPath() + login;
    Messages.redirectSignedOut(target);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
