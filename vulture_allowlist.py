"""Names that look unused to vulture (`make lint`) but are not.

Django's own conventions (admin and form options, Meta, view, command and
sitemap hooks) are ignored by name in pyproject.toml ([tool.vulture]). This
file lists what is read by something vulture cannot see: a dotted path in
settings, a migration, a template, the database, or a library that calls a
method by name. Each name is matched wherever it occurs, so keep the list short:
a name that is dead for real goes from the code, not into this file.

Never imported or run.
"""

_ = object()

# Named by a dotted path in settings.py (middleware, cache, adapter, context processor, admin).
_.PermissionsPolicyMiddleware
_.ControlCharactersMiddleware
_.PageCacheMiddleware
_.FallbackRedisCache
_.AccountAdapter
_.csrf_token_context
_.default_site  # AdminConfig: which AdminSite class to use
# Named in urls.py as handler403/404/500.
_.error_403
_.error_404
_.error_500
# Called from the parts' data migrations (not scanned); tests/helpers.py reads the mark.
_.grant
_.role_migration
_.sets_up_roles

# Hooks a library calls by name.
_.is_open_for_signup  # allauth's adapter
_.get_client_ip
_.send_mail
_.touch  # Django's cache backend API (FallbackRedisCache)
_.set_many
_.delete_many
_.has_key
_.decr
_.clear
_.login  # AdminSite
_.logout
_.site_url
_.object_history_template  # django-reversion's VersionAdmin
_.recover_list_template
_.recover_form_template
_.history_latest_first
_.reversion_register
_.revision_view
_.handle_starttag  # html.parser.HTMLParser
_.handle_endtag
_.handle_data

# Read in templates (the site's pages, the admin, mails).
_.get_admin_url  # mails to the consulent
_.get_cancel_url  # sign-up mails
_.map_url  # events/event_detail.html
_.source_links  # faq/question_detail.html
_.snippet  # faq/search.html
_.title_marked
_.accessibility_check_list  # pages/toegankelijkheid.html
_.accessibility_problem_list
_.summary  # admin/includes/plain_language.html
_.is_hard
_.excerpt
_.seen_by  # pages/privacy.html
_.purpose
_.retention
_.needs_action  # admin/index.html
_.chart  # admin/overview.html

# Form fields only Django reads (a ticked box, the honeypot, a radio question, times).
_.consent
_.website
_.would_recommend
_.meeting_ways
_.starts
_.ends

# Model fields and choices: columns that the admin, templates, the personal-data
# export or the database read by name; set in Python, read elsewhere.
_.PHONE
_.VIDEO
_.WALK
_.CAFE
_.NOT
_.A_LITTLE
_.MUCH
_.COMPLIES
_.IN_PROGRESS
_.introduction
_.children_ages
_.show_on_site
_.anonymised_at
_.proposed_at
_.decided_at
_.decline_reason
_.follow_up_1
_.follow_up_2
_.ended_at
_.end_reason
_.evaluation_token
_.helped
_.felt_heard
_.may_leave_message
_.reminder_sent_at
_.purged_at
_.helpful_yes
_.helpful_no
_.first_seen
_.last_seen
_.kvk_number
_.consulent_name
_.consulent_title
_.opening_hours
_.accessibility_status
_.accessibility_date
_.contact_method
_.claimed_until
_.last_error
_.wiped_at
_.spent_at
_.is_superuser
# Written on every save, read by nothing since search moved into the process (faq/search.py);
# dropping the columns needs a faq migration.
_.title_index
_.body_index
# Read in the mail templates (the private links of a story and of a subscription).
_.get_private_url
_.get_confirm_url
# Moments kept on the record and shown in the admin (readonly_fields name them as strings).
_.requested_at
_.approval_requested_at
_.approved_at
_.rejected_at
_.withdrawn_at
