package io.latchkey.interfaces.web.admin;

import io.latchkey.application.AccountAdministrationService;
import io.latchkey.application.AccountView;
import io.latchkey.application.Page;
import io.latchkey.domain.AccountQuery;
import io.latchkey.domain.AccountSort;
import io.latchkey.domain.AccountStatus;
import io.latchkey.domain.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code admin/users.xhtml}: the account list, paged, sorted and filtered on the server. Everything
 * is in the URL (a GET form and links), so a view can be bookmarked and the back button works;
 * nothing here changes state.
 */
@Named
@RequestScoped
public class UsersBacking {

  public static final int PAGE_SIZE = 25;
  private static final int LAST_PAGE = 40_000;

  @Inject AccountAdministrationService administration;

  private String email;
  private String name;
  private String status;
  private String role;
  private String issuer;
  private String subject;
  private String sort;
  private String dir;
  private int page;
  private Page<AccountView> result;

  public Page<AccountView> getResult() {
    if (result == null) {
      result = administration.accounts(query(), Math.max(0, Math.min(page, LAST_PAGE)), PAGE_SIZE);
    }
    return result;
  }

  AccountQuery query() {
    return new AccountQuery(
        email,
        name,
        parse(AccountStatus.class, status),
        parse(Role.class, role),
        issuer,
        subject,
        parse(AccountSort.class, sort),
        !"desc".equals(dir));
  }

  /** The URL of this list sorted by {@code column}; the current column toggles its direction. */
  public String sortUrl(String column) {
    AccountSort current = query().sort();
    boolean sameColumn = current.name().equalsIgnoreCase(column);
    return url(
        column.toLowerCase(Locale.ROOT), sameColumn && query().ascending() ? "desc" : "asc", 0);
  }

  /** "▲" or "▼" beside the column the list is sorted by. */
  public String sortMark(String column) {
    if (!query().sort().name().equalsIgnoreCase(column)) {
      return "";
    }
    return query().ascending() ? "▲" : "▼";
  }

  /** {@code aria-sort} of a column's header: the sorted one says which way, the others nothing. */
  public String ariaSort(String column) {
    if (!query().sort().name().equalsIgnoreCase(column)) {
      return null;
    }
    return query().ascending() ? "ascending" : "descending";
  }

  public String pageUrl(int number) {
    return url(sort, dir, number);
  }

  private String url(String sortValue, String dirValue, int pageNumber) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("email", email);
    parameters.put("name", name);
    parameters.put("status", status);
    parameters.put("role", role);
    parameters.put("issuer", issuer);
    parameters.put("subject", subject);
    parameters.put("sort", sortValue);
    parameters.put("dir", dirValue);
    parameters.put("page", pageNumber == 0 ? null : String.valueOf(pageNumber));
    StringBuilder query = new StringBuilder("users");
    char separator = '?';
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (parameter.getValue() != null && !parameter.getValue().isBlank()) {
        query
            .append(separator)
            .append(parameter.getKey())
            .append('=')
            .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    return query.toString();
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  // View parameters ----------------------------------------------------------------------------

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getIssuer() {
    return issuer;
  }

  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public String getSort() {
    return sort;
  }

  public void setSort(String sort) {
    this.sort = sort;
  }

  public String getDir() {
    return dir;
  }

  public void setDir(String dir) {
    this.dir = dir;
  }

  public int getPage() {
    return page;
  }

  public void setPage(int page) {
    this.page = page;
  }
}
