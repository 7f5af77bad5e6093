import pytest
from trayscore.core.clouds import AUTO_REGION, CLOUDS, cloud_named


def test_every_cloud_is_https_and_scoped_to_score_read() -> None:
    for cloud in CLOUDS.values():
        for url in (cloud.api_base, cloud.authority_host, cloud.portal_url, cloud.graph_base):
            assert url.startswith("https://"), (cloud.name, url)
        assert cloud.score_scope.endswith("/Score.Read")
        assert cloud.authority("contoso.com") == f"{cloud.authority_host}/contoso.com"


def test_us_government_clouds_sign_in_where_microsoft_documents() -> None:
    assert CLOUDS["gcc"].authority_host == "https://login.microsoftonline.com"
    assert CLOUDS["gcc"].api_base == "https://api-gcc.securitycenter.microsoft.us"
    for name in ("gcc-high", "dod"):
        assert CLOUDS[name].authority_host == "https://login.microsoftonline.us"
        assert CLOUDS[name].api_base == "https://api-gov.securitycenter.microsoft.us"
    assert CLOUDS["gcc-high"].portal_url == "https://security.microsoft.us"
    assert CLOUDS["dod"].portal_url == "https://security.apps.mil"


def test_commercial_regions_map_to_regional_hosts() -> None:
    commercial = CLOUDS["commercial"]
    assert commercial.api_base_for(AUTO_REGION) == "https://api.security.microsoft.com"
    for code in ("us", "eu", "uk", "au", "swa", "ina"):
        assert commercial.api_base_for(code) == f"https://{code}.api.security.microsoft.com"
    assert commercial.api_base_for("securitycenter") == "https://api.securitycenter.microsoft.com"
    assert commercial.score_scope == "https://api.securitycenter.microsoft.com/Score.Read"


def test_unknown_cloud_or_region_names_the_choices() -> None:
    with pytest.raises(ValueError, match="allowed: commercial, gcc, gcc-high, dod"):
        cloud_named("azure-china")
    with pytest.raises(ValueError, match="no region 'eu'"):
        CLOUDS["dod"].api_base_for("eu")
