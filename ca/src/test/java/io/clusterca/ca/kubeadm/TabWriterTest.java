package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Go's text/tabwriter as kubeadm configures it (minwidth 10, padding 3, spaces). */
class TabWriterTest {

    @Test
    void reproducesRealKubeadmCheckExpirationOutput() {
        // Output of kubeadm certs check-expiration quoted in kubernetes/kubeadm#2866, with the
        // Sprintf lines kubeadm feeds its tabwriter (cmd/kubeadm/app/cmd/certs.go).
        TabWriter w = new TabWriter(10, 3)
                .line("CERTIFICATE\tEXPIRES\tRESIDUAL TIME\tCERTIFICATE AUTHORITY\tEXTERNALLY MANAGED")
                .line("admin.conf\tApr 09, 2024 09:17 UTC\t348d\tca\tno      ")
                .line("apiserver-kubelet-client\tApr 09, 2024 09:16 UTC\t348d\tca\tno      ")
                .line("front-proxy-client\tApr 09, 2024 09:16 UTC\t348d\tfront-proxy-ca\tno      ")
                .line("")
                .line("CERTIFICATE AUTHORITY\tEXPIRES\tRESIDUAL TIME\tEXTERNALLY MANAGED")
                .line("ca\tNov 03, 2029 14:13 UTC\t6y\tno      ");

        assertEquals("""
                CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED
                admin.conf                 Apr 09, 2024 09:17 UTC   348d            ca                      no     \s
                apiserver-kubelet-client   Apr 09, 2024 09:16 UTC   348d            ca                      no     \s
                front-proxy-client         Apr 09, 2024 09:16 UTC   348d            front-proxy-ca          no     \s

                CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED
                ca                      Nov 03, 2029 14:13 UTC   6y              no     \s
                """, w.render());
    }

    @Test
    void aColumnIsAtLeastTheMinimumWidth() {
        assertEquals("a         b\n", new TabWriter(10, 3).line("a\tb").render());
    }

    @Test
    void emptyCellsArePaddedToTheColumnWidth() {
        String out = new TabWriter(10, 3).line("name\tx\ty").line("!MISSING! apiserver\t\t").render();
        // Column 0 is 19 + 3 wide; the empty cell of column 1 still takes its 10.
        assertEquals("name" + " ".repeat(18) + "x" + " ".repeat(9) + "y\n"
                + "!MISSING! apiserver" + " ".repeat(3 + 10) + "\n", out);
    }
}
