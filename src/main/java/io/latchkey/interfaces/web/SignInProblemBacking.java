package io.latchkey.interfaces.web;

import io.latchkey.interfaces.web.security.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * {@code sign-in-problem.xhtml}: why a provider sign-in did not complete, in the user's language,
 * with the support id that the server log shows beside the real reason. Only known reasons are
 * shown; anything else reads as a plain failure.
 */
@Named
@RequestScoped
public class SignInProblemBacking {

  private String reason;
  private String supportId;

  /** The message key for the reason. */
  public String getMessageKey() {
    return "problem." + Problem.ofKey(reason).key();
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  /** The support id, if it has the shape of one (the page never echoes other input). */
  public String getSupportId() {
    return supportId != null && supportId.matches("[A-Z2-9]{8}") ? supportId : null;
  }

  public void setSupportId(String supportId) {
    this.supportId = supportId;
  }
}
