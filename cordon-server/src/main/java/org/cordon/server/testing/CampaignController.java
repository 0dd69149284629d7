package org.cordon.server.testing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.cordon.server.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Screening campaigns and sampling sites (the command centre sets them up). */
@RestController
@RequestMapping("/api/testing")
@Tag(name = "testing", description = "Mass testing: campaigns, sites, samples, lab results, recalls, "
    + "turnaround and coverage")
public class CampaignController {

  private final CampaignManagement campaigns;

  CampaignController(CampaignManagement campaigns) {
    this.campaigns = campaigns;
  }

  @PostMapping("/campaigns")
  @Operation(summary = "Create a campaign over divisions of the caller's jurisdiction",
      description = "Body {campaignId?, name, kind (mass|key_group|zone), poolSize (1,5,10,20; "
          + "default 10), startsAt, endsAt, divisions[]}. 201; 400 bad field, 403 a division outside "
          + "the jurisdiction, 409 the id exists.")
  public ResponseEntity<CampaignView> create(@RequestBody(required = false) CampaignRequest body,
      Caller caller) {
    CampaignView c = campaigns.create(caller, body);
    return ResponseEntity.created(URI.create("/api/testing/campaigns/" + c.campaignId())).body(c);
  }

  @GetMapping("/campaigns")
  @Operation(summary = "Campaigns targeting some part of the caller's jurisdiction, newest first")
  public List<CampaignView> list(Caller caller) {
    return campaigns.list(caller);
  }

  @GetMapping("/campaigns/{id}")
  @Operation(summary = "One campaign; 404 if unknown or outside the jurisdiction")
  public CampaignView one(@PathVariable String id, Caller caller) {
    return campaigns.require(caller, id);
  }

  @PostMapping("/sites")
  @Operation(summary = "Create or replace a sampling site in the caller's jurisdiction",
      description = "Body {siteId, name, division, lat, lon, opens?, closes? (local HH:mm), active?}. "
          + "A site device is a VENUE_DEVICE token bound to the site id.")
  public SiteView saveSite(@RequestBody(required = false) SiteRequest body, Caller caller) {
    return campaigns.saveSite(caller, body);
  }

  @GetMapping("/sites")
  @Operation(summary = "Sampling sites in the caller's jurisdiction")
  public List<SiteView> sites(Caller caller) {
    return campaigns.sites(caller);
  }
}
