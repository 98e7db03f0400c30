package io.latchkey.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that the build packaged, exactly as users deploy it (named so it lands at "/"). */
public final class Deployments {

  private Deployments() {}

  public static WebArchive packagedWar() {
    File war = new File(System.getProperty("latchkey.war", "target/latchkey.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(war + " is missing: run the ITs with mvn verify");
    }
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
  }
}
