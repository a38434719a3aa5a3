"""Tags on users, roles and managed policies: add (replacing a key's value), remove, list.
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html — up to 50 per entity; keys
are unique case-insensitively."""

from ..errors import InvalidInput, LimitExceeded
from ..operations import entity_change, entity_resource, operation, tag_context
from .paging import page


def add(account, entity: dict, tags: list[dict]) -> None:
    keys = [tag["Key"].lower() for tag in tags]
    if len(set(keys)) != len(keys):
        raise InvalidInput("Duplicate tag keys found. Please note that Tag keys are "
                           "case insensitive.")
    current = {tag["Key"].lower(): tag for tag in entity.get("Tags", [])}
    for tag in tags:
        current[tag["Key"].lower()] = {"Key": tag["Key"], "Value": tag["Value"]}
    limit = account.quota("TagsPerEntityQuota")
    if len(current) > limit:
        raise LimitExceeded(f"Cannot exceed quota for TagsPerEntity: {limit}")
    entity["Tags"] = list(current.values())


def remove(entity: dict, keys: list[str]) -> None:
    drop = {key.lower() for key in keys}
    entity["Tags"] = [tag for tag in entity.get("Tags", []) if tag["Key"].lower() not in drop]


def listing(entity: dict, params: dict) -> dict:
    return page(entity.get("Tags", []), params, "Tags")


def register_operations(kind: str) -> None:
    """Tag{Kind}, Untag{Kind} and List{Kind}Tags for users and roles
    (https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagUser.html, API_TagRole.html
    and siblings)."""
    label = kind.capitalize()

    @entity_change(kind, f"Tag{label}", context=tag_context)
    def tag(account, entity, params):
        add(account, entity, params["Tags"])

    @entity_change(kind, f"Untag{label}")
    def untag(account, entity, params):
        remove(entity, params["TagKeys"])

    @operation(f"List{label}Tags", writes=False,
               resource=entity_resource(kind, f"{label}Name", "Path"))
    def list_tags(account, params, caller):
        return listing(account.get(kind, params[f"{label}Name"]), params)
