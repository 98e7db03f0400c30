package io.latchkey.infrastructure.security;

import io.latchkey.application.AccountLinkingService;
import io.latchkey.application.AccountView;
import io.latchkey.application.ProviderSignInService;
import io.latchkey.application.SignInOutcome;
import io.latchkey.domain.Role;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every request's authentication, around the standard OpenID mechanism ({@link
 * ProviderSignInDefinition}), of which Jakarta Security 3.0 allows only one per application.
 *
 * <p>Only two kinds of request reach the OpenID mechanism: the start of a provider sign-in ({@code
 * /auth/{provider}}, steps 1–2) and the callback ({@code /auth/callback}, steps 4–7). Everything
 * else is decided here, without it: a password sign-in started by the login page, and an
 * established session, which is re-applied from the account id it holds (step 10). The mechanism
 * itself would throw on password sessions, bounce sign-out to the provider, and answer every failed
 * callback with an empty HTTP 500; here each failure becomes a page with a support id.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class SignInMechanism implements HttpAuthenticationMechanism {

  private static final Logger LOG = Logger.getLogger(SignInMechanism.class.getName());
  private static final String RESOURCES = "/jakarta.faces.resource/";
  private static final String AUTH = "/auth/";
  private static final Pattern JWT = Pattern.compile("eyJ[\\w-]*\\.[\\w-]*\\.[\\w-]*");

  @Inject @Delegate @Any HttpAuthenticationMechanism openIdMechanism;

  @Inject IdentityStoreHandler identityStores;
  @Inject SignInAttempt attempt;
  @Inject SessionSignIns sessions;
  @Inject SecuritySettings security;
  @Inject OpenIdSettings openId;
  @Inject ProviderSignInService providerSignIns;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (context.isAuthenticationRequest() && credential != null) {
      return passwordSignIn(credential, request, context);
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals(OpenIdSettings.CALLBACK_PATH)) {
      return providerCallback(request, response, context);
    }
    if (path.startsWith(AUTH)) {
      return providerStart(path, request, response, context);
    }
    if (path.startsWith(RESOURCES) && !context.isProtected()) {
      return context.doNothing();
    }
    // 10: an established session is re-applied after a cheap check of the account's state.
    Optional<AccountView> account = sessions.resume(request);
    if (account.isPresent()) {
      return signedIn(context, account.get());
    }
    if (context.isProtected()) {
      return context.redirect(request.getContextPath() + "/login");
    }
    return context.doNothing();
  }

  /** Sign-out ends Latchkey's session only; the mechanism's would send the user to the provider. */
  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    context.cleanClientSubject();
  }

  // Password -----------------------------------------------------------------------------------

  /** Password sign-in, started by the login page with {@code SecurityContext.authenticate}. */
  private AuthenticationStatus passwordSignIn(
      Credential credential, HttpServletRequest request, HttpMessageContext context) {
    CredentialValidationResult result = identityStores.validate(credential);
    Optional<AccountView> account = attempt.signedIn();
    if (result.getStatus() != CredentialValidationResult.Status.VALID || account.isEmpty()) {
      // Not context.responseUnauthorized(): the page itself explains the refusal.
      return AuthenticationStatus.SEND_FAILURE;
    }
    // 8–9: the principal is the local account; the session gets a new id and holds only ids.
    sessions.start(request, account.get());
    return signedIn(context, account.get());
  }

  // Provider -----------------------------------------------------------------------------------

  /**
   * 1–2: the OpenID mechanism stores state and nonce, and redirects to the provider. Three starts:
   * {@code /auth/{id}} signs in; {@code /auth/{id}/connect} and {@code /auth/{id}/reauthenticate}
   * are for a signed-in user, whose intent is recorded in the session for the callback.
   */
  private AuthenticationStatus providerStart(
      String path,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    String signIn = AUTH + openId.getProviderId();
    boolean connect = path.equals(signIn + "/connect");
    boolean reauthenticate = path.equals(signIn + "/reauthenticate");
    if (!path.equals(signIn) && !connect && !reauthenticate) {
      return context.responseNotFound();
    }
    if (!openId.isConfigured()) {
      return problem(context, "not-configured", null);
    }
    Optional<AccountView> account = sessions.resume(request);
    if (path.equals(signIn) && account.isPresent()) {
      return context.redirect(request.getContextPath() + "/account");
    }
    if (connect || reauthenticate) {
      if (account.isEmpty()) {
        return context.redirect(request.getContextPath() + "/login");
      }
      if (connect && !sessions.authenticatedRecently(request)) {
        return context.redirect(request.getContextPath() + "/account/confirm?then=connect");
      }
      ProviderIntent.Kind kind =
          connect ? ProviderIntent.Kind.CONNECT : ProviderIntent.Kind.REAUTHENTICATE;
      String then = "connect".equals(request.getParameter("then")) ? "connect" : "account";
      sessions.recordIntent(
          request, new ProviderIntent(kind, account.get().id(), Instant.now(), then));
    }
    try {
      return openIdMechanism.validateRequest(
          new ConfiguredUrlRequest(request, security),
          reauthenticate ? new FreshLoginResponse(response) : response,
          context);
    } catch (Exception e) {
      return failed(request, context, "could not start the sign-in: " + describe(e, request));
    }
  }

  /** 4–9: the OpenID mechanism checks state, exchanges the code and validates the tokens. */
  private AuthenticationStatus providerCallback(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String providerError = request.getParameter("error");
    if (providerError != null) {
      boolean cancelled = "access_denied".equals(providerError);
      String reason =
          cancelled ? "cancelled at the provider" : "provider error " + printable(providerError);
      return failed(request, context, reason, cancelled ? "cancelled" : "failed");
    }
    if (!openId.isConfigured()) {
      return problem(context, "not-configured", null);
    }
    if (request.getParameter("code") == null || request.getParameter("state") == null) {
      return failed(request, context, "callback without code or state");
    }
    if (request.getSession(false) == null) {
      return failed(request, context, "callback without a sign-in in progress in this browser");
    }
    Optional<ProviderIntent> intent = sessions.takeIntent(request);
    Optional<Long> signedInAccount = sessions.current(request).map(SignedInSession::accountId);
    if (intent.isPresent()
        && (intent.get().isExpired(Instant.now())
            || !signedInAccount.equals(Optional.of(intent.get().accountId())))) {
      return failed(request, context, "the flow was not started by this signed-in session");
    }
    attempt.expectProviderCallback(intent.orElse(null));
    AuthenticationStatus status = null;
    Exception error = null;
    try {
      status =
          openIdMechanism.validateRequest(
              new ConfiguredUrlRequest(request, security), response, context);
    } catch (Exception e) {
      // Also after a refusal: the mechanism dereferences the principal of every result.
      error = e;
    }
    return afterCallback(request, context, intent, status, error);
  }

  /** 8–9: a new session holding our account id only; then a clean URL without code or state. */
  private AuthenticationStatus afterCallback(
      HttpServletRequest request,
      HttpMessageContext context,
      Optional<ProviderIntent> intent,
      AuthenticationStatus status,
      Exception error) {
    String root = request.getContextPath();
    Optional<AccountView> fulfilled = attempt.intentAccount();
    if (fulfilled.isPresent()) {
      sessions.startFresh(request, fulfilled.get(), attempt.idTokenHint());
      Optional<AccountLinkingService.Connection> connection = attempt.connection();
      if (connection.isPresent()) {
        return context.redirect(root + "/account?notice=" + notice(connection.get()));
      }
      boolean thenConnect = intent.map(i -> "connect".equals(i.then())).orElse(false);
      return context.redirect(
          root + (thenConnect ? AUTH + openId.getProviderId() + "/connect" : "/account"));
    }
    Optional<AccountView> account = attempt.signedIn();
    if (account.isPresent()) {
      sessions.startFresh(request, account.get(), attempt.idTokenHint());
      return context.redirect(
          root + "/account" + (attempt.newlyLinked() ? "?notice=auto-linked" : ""));
    }
    Optional<SignInOutcome.LinkRequired> linkRequired = attempt.linkRequired();
    if (linkRequired.isPresent()) {
      SignInOutcome.LinkRequired required = linkRequired.get();
      sessions.holdPendingLink(
          request, required.accountId(), required.accountEmail(), required.identity());
      return context.redirect(root + "/link");
    }
    Optional<SignInOutcome.Reason> refusal = attempt.refusal();
    if (refusal.isPresent()) {
      sessions.discard(request);
      return problem(context, refusalPage(refusal.get()), null);
    }
    if (attempt.failure().isPresent()) {
      return failed(request, context, attempt.failure().get());
    }
    if (error != null) {
      return failed(request, context, describe(error, request));
    }
    return failed(request, context, "state missing, reused or not matching (" + status + ")");
  }

  private static String notice(AccountLinkingService.Connection connection) {
    return switch (connection) {
      case CONNECTED -> "connected";
      case ALREADY_CONNECTED -> "already-connected";
      case LINKED_ELSEWHERE -> "linked-elsewhere";
    };
  }

  private AuthenticationStatus failed(
      HttpServletRequest request, HttpMessageContext context, String reason) {
    return failed(request, context, reason, "failed");
  }

  /** Any failure in steps 2–8: logged and audited with a support id; no session survives it. */
  private AuthenticationStatus failed(
      HttpServletRequest request, HttpMessageContext context, String reason, String page) {
    String supportId = SupportIds.next();
    LOG.warning(() -> "Provider sign-in failed [support id " + supportId + "]: " + reason);
    sessions.discard(request);
    providerSignIns.failed(reason, supportId, request.getRemoteAddr());
    return problem(context, page, supportId);
  }

  private AuthenticationStatus problem(
      HttpMessageContext context, String reason, String supportId) {
    if (context.getResponse().isCommitted()) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    String location =
        context.getRequest().getContextPath()
            + "/sign-in-problem?reason="
            + reason
            + (supportId == null ? "" : "&support-id=" + supportId);
    return context.redirect(location);
  }

  private static String refusalPage(SignInOutcome.Reason reason) {
    return switch (reason) {
      case DISABLED -> "disabled";
      case UNVERIFIED_EMAIL_OF_ACCOUNT -> "unverified-email";
      case CREDENTIALS -> "failed";
    };
  }

  /** The exception chain for the log, without tokens, codes or state values. */
  private static String describe(Throwable error, HttpServletRequest request) {
    StringBuilder description = new StringBuilder();
    for (Throwable cause = error;
        cause != null && description.length() < 600;
        cause = cause.getCause()) {
      if (description.length() > 0) {
        description.append(" <- ");
      }
      description.append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        description.append(": ").append(cause.getMessage().lines().findFirst().orElse(""));
      }
    }
    String text = JWT.matcher(description).replaceAll("[token]");
    for (String parameter : new String[] {"code", "state"}) {
      String value = request.getParameter(parameter);
      if (value != null && !value.isEmpty()) {
        text = text.replace(value, "[" + parameter + "]");
      }
    }
    return text.length() > 600 ? text.substring(0, 600) : text;
  }

  private static String printable(String value) {
    String cut = value.length() > 64 ? value.substring(0, 64) : value;
    return URLEncoder.encode(cut, StandardCharsets.UTF_8);
  }

  // Container ----------------------------------------------------------------------------------

  private static AuthenticationStatus signedIn(HttpMessageContext context, AccountView account) {
    return context.notifyContainerAboutLogin(principal(account), groups(account));
  }

  private static CallerPrincipal principal(AccountView account) {
    return new CallerPrincipal(String.valueOf(account.id()));
  }

  private static Set<String> groups(AccountView account) {
    return account.roles().stream().map(Role::groupName).collect(Collectors.toSet());
  }
}
