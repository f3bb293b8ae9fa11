"""Who may do what: principals, roles and their actions, releasability labels, the audit chain.

Pure rules where possible, like the domain: storage keeps users, labels and audit rows, and the
services ask this package every question of access in one place.
"""
