package org.cordon.server.healthcode;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /resident} → the resident page, {@code /resident/index.html} (static, no sign-in needed to load). */
@Controller
class ResidentPage {

  @GetMapping({"/resident", "/resident/"})
  String page() {
    return "redirect:/resident/index.html";
  }
}
