"""What the end-to-end tests know of the LLM APIs' wire formats, shared by the test modules."""

from __future__ import annotations

from envoy_harness import Reply


def assert_policy_error(reply: Reply, dialect: str, rule: str) -> str:
    """Assert a policy refusal in the dialect's own error shape, naming `rule` (a rule id, or a
    prefix such as "injection."). Returns the error message."""
    assert reply.status == 403, reply.text
    assert reply.headers.get("content-type", "").startswith("application/json")
    body = reply.json()
    if dialect == "anthropic":
        assert body.get("type") == "error", body
        assert body["error"].get("type") == "permission_error", body
        message = body["error"]["message"]
    elif dialect == "ollama":
        assert list(body) == ["error"], body
        message = body["error"]
    else:
        error = body["error"]
        assert error.get("type") == "policy_violation", body
        if rule.endswith("."):
            assert error["code"].startswith(rule)
        else:
            assert error["code"] == rule
        message = error["message"]
    assert isinstance(message, str) and rule in message
    return message
