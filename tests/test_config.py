import pytest

from generator.config import SiteConfig, base_path_of, load_config
from generator.errors import ConfigError


def test_missing_config_gives_defaults(tmp_path):
    config = load_config(tmp_path)
    assert config == SiteConfig(root=tmp_path.resolve())
    assert config.output_path == tmp_path.resolve() / "site"
    assert config.base_path == "/"


def test_values_are_read(tmp_path):
    (tmp_path / "tlgen.toml").write_text(
        'title = "Trade"\nbase_url = "https://me.github.io/trade/"\ntimezone = "America/New_York"\n'
        '[extract]\nenabled = false\nmin_confidence = 0.7\n')
    config = load_config(tmp_path)
    assert config.title == "Trade"
    assert config.base_path == "/trade/"
    assert config.site_url == "https://me.github.io/trade/"
    assert config.extract is False
    assert config.min_confidence == 0.7


def test_wrong_types_name_every_key_and_the_file(tmp_path):
    (tmp_path / "tlgen.toml").write_text('title = 3\ntimezone = "Mars/Olympus"\n[extract]\nenabled = "yes"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    message = info.value.format_message()
    assert message.startswith(str(tmp_path.resolve() / "tlgen.toml") + ": ")
    assert "'title' must be a string, not int 3" in message
    assert "'timezone' 'Mars/Olympus' is not a known time zone" in message
    assert "'extract.enabled' must be true or false" in message


def test_language_must_be_a_language_tag(tmp_path):
    (tmp_path / "tlgen.toml").write_text('language = "english please"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "'language' must be a language tag such as 'en'" in info.value.format_message()
    for tag in ("en", "en-GB", "pt-BR", "zh-Hant-TW", "es-419"):
        (tmp_path / "tlgen.toml").write_text(f'language = "{tag}"\n')
        assert load_config(tmp_path).language == tag


def test_unknown_keys_warn(tmp_path):
    (tmp_path / "tlgen.toml").write_text('title = "x"\ncolour = "red"\n')
    config = load_config(tmp_path)
    assert [w.message for w in config.warnings] == ["unknown key 'colour' is ignored"]


def test_invalid_toml_names_the_line(tmp_path):
    (tmp_path / "tlgen.toml").write_text('title = "x"\nbase_url = /oops\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "tlgen.toml:2: invalid TOML" in info.value.format_message()


def test_output_folder_must_stay_inside_the_site(tmp_path):
    (tmp_path / "tlgen.toml").write_text('output_dir = "../elsewhere"\n')
    with pytest.raises(ConfigError, match="'output_dir' must be a folder inside the site root"):
        load_config(tmp_path)


@pytest.mark.parametrize("url, path", [
    ("/", "/"), ("", "/"), ("https://me.github.io/repo", "/repo/"), ("https://me.github.io/repo/", "/repo/"),
    ("https://example.org", "/"), ("/a/b", "/a/b/"),
])
def test_base_path(url, path):
    assert base_path_of(url) == path
