package io.latchkey.interfaces.web;

import io.latchkey.application.settings.SecuritySettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of every page: the one chosen with the switcher (remembered in a cookie, so it
 * outlives sign-out), else the best match for the browser's Accept-Language.
 */
@Named
@RequestScoped
public class LanguageBacking {

  static final String COOKIE = "latchkey-lang";

  /** The languages with a resource bundle, by their language tag. */
  private static final Locale[] SUPPORTED = {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE};

  @Inject FacesContext facesContext;
  @Inject SecuritySettings security;

  private Locale locale;

  public Locale getLocale() {
    if (locale == null) {
      locale = chosen().orElseGet(this::fromBrowser);
    }
    return locale;
  }

  public String getLanguageTag() {
    return getLocale().toLanguageTag();
  }

  /** The switcher's buttons: remember the choice and show the same page again. */
  public void use(String languageTag) {
    Locale choice = supported(languageTag).orElse(Locale.ENGLISH);
    ExternalContext external = facesContext.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    Cookie cookie = new Cookie(COOKIE, choice.toLanguageTag());
    cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
    cookie.setMaxAge(60 * 60 * 24 * 365);
    cookie.setHttpOnly(true);
    // Secure by the configured base URL, as the session cookie: behind a TLS proxy the request
    // itself arrives over plain http.
    cookie.setSecure(security.isSecure());
    cookie.setAttribute("SameSite", "Lax");
    ((HttpServletResponse) external.getResponse()).addCookie(cookie);
    try {
      String query = request.getQueryString();
      external.redirect(request.getRequestURI() + (query == null ? "" : "?" + query));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<Locale> chosen() {
    Object cookie = facesContext.getExternalContext().getRequestCookieMap().get(COOKIE);
    return cookie instanceof Cookie c ? supported(c.getValue()) : Optional.empty();
  }

  private Locale fromBrowser() {
    return facesContext.getApplication().getViewHandler().calculateLocale(facesContext);
  }

  private static Optional<Locale> supported(String languageTag) {
    if (languageTag == null) {
      return Optional.empty();
    }
    Locale wanted = Locale.forLanguageTag(languageTag);
    return Arrays.stream(SUPPORTED)
        .filter(l -> l.getLanguage().equals(wanted.getLanguage()))
        .findFirst();
  }
}
