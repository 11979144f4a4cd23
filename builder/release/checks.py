"""Everything a release build must find in order: approval set up, enough valid approvals
of the current content hash from every group, and no open review comment."""

from __future__ import annotations

from pathlib import Path

from builder.discover.sources import COURSE_FILE
from builder.model.approval import ReleaseStamp
from builder.model.course import CourseModel
from builder.model.problems import Location, Problem, Problems
from builder.release.content_hash import content_hash
from builder.release.package_info import git_commit as find_commit
from builder.release.records import check_approvals
from builder.release.reviews import ReviewsUnreadable, read_comments, reviews_file


def release_problems_and_stamp(
    root: Path, model: CourseModel, commit: str | None = None
) -> tuple[ReleaseStamp | None, list[Problem]]:
    course = model.course
    if course.approval is None:
        problems = Problems()
        problems.error(
            Location(COURSE_FILE),
            "approval: is not set: a release needs the groups that must approve it "
            "(see docs/approval.md)",
        )
        return None, problems.items
    current = content_hash(root)
    approvers, problems = check_approvals(root, course.id, course.version, course.approval, current)
    if course.approval.open_comments_block_release:
        problems = problems + open_comment_problems(root, course.version)
    if problems:
        return None, problems
    stamp = ReleaseStamp(current, commit or find_commit(root), tuple(approvers))
    return stamp, []


def open_comment_problems(root: Path, version: str) -> list[Problem]:
    problems = Problems()
    try:
        comments = read_comments(root, version)
    except ReviewsUnreadable:
        problems.error(
            Location(reviews_file(version)),
            "cannot be read as review comments: put it right, or take it back from git",
        )
        return problems.items
    for comment in comments:
        if comment.status == "open":
            where = comment.screen + (f" ({comment.anchor})" if comment.anchor else "")
            problems.error(
                Location(reviews_file(version)),
                f"comment {comment.id} on {where} by {comment.author} ({comment.group}) "
                "is still open: resolve it before a release",
            )
    return problems.items
