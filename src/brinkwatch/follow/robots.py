"""robots.txt rules per site, read with the standard library's parser.

Status codes follow RFC 9309: a robots.txt that does not exist (4xx) allows
everything; one the server fails to give (5xx, timeout, network error) forbids
everything for this cycle, because the site may be asking crawlers to stay away.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one site allows; ``parser`` None means "everything", unless ``deny_all``."""

    parser: RobotFileParser | None = None
    deny_all: bool = False
    why: str = ""

    def allows(self, url: str, user_agent: str) -> bool:
        if self.deny_all:
            return False
        return self.parser is None or self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


def rules_from_response(status: int, body: str) -> RobotsRules:
    """The rules a robots.txt response gives, by its status code."""
    if 200 <= status < 300:
        parser = RobotFileParser()
        parser.parse(body.splitlines())
        return RobotsRules(parser)
    if 400 <= status < 500:
        return RobotsRules()
    return RobotsRules(deny_all=True, why=f"robots.txt answered HTTP {status}")


def unreachable(reason: str) -> RobotsRules:
    return RobotsRules(deny_all=True, why=f"robots.txt could not be read ({reason})")
