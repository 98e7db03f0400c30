package io.latchkey.interfaces.web.account;

import io.latchkey.application.ApiGrants;
import io.latchkey.application.DriveApi;
import io.latchkey.interfaces.web.CurrentAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * {@code account/drive.xhtml}: the user's most recently modified Drive files, read through their
 * API grant at this request (nothing of them is kept), or why they cannot be shown.
 */
@Named
@RequestScoped
public class DriveBacking {

  @Inject ApiGrants apiGrants;
  @Inject CurrentAccount currentAccount;

  private String grant;
  private ApiGrants.Files files;

  /** Read once per request, after the view parameter is set. */
  private ApiGrants.Files files() {
    if (files == null) {
      files =
          grant == null || grant.isBlank()
              ? new ApiGrants.Files.NotConnected()
              : apiGrants.recentFiles(currentAccount.getAccount().id(), grant);
    }
    return files;
  }

  public List<DriveApi.DriveFile> getFiles() {
    return files() instanceof ApiGrants.Files.Listed listed ? listed.files() : List.of();
  }

  public boolean isListed() {
    return files() instanceof ApiGrants.Files.Listed;
  }

  /** The message key of why no files are shown; null when they are. */
  public String getProblemKey() {
    ApiGrants.Files shown = files();
    if (shown instanceof ApiGrants.Files.Reconnect) {
      return "drive.reconnect";
    }
    if (shown instanceof ApiGrants.Files.Unavailable) {
      return "drive.unavailable";
    }
    return shown instanceof ApiGrants.Files.NotConnected ? "drive.notConnected" : null;
  }

  public String getGrant() {
    return grant;
  }

  public void setGrant(String grant) {
    this.grant = grant;
  }
}
