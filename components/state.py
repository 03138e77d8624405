"""Every Streamlit session-state key of the app, named once.

Components, pages and the entrypoint read and write `st.session_state` (and give widgets their keys) through
these names only; a unit test walks the product code for a key written as a string anywhere else. Each line
says what the key holds and which module writes it. Keys made per item (one slider per weight, one choice
per name to reconcile) start with a prefix of `KEY_PREFIXES`.

Plain strings, no Streamlit: the upload guard (components.stcore_guard) reads a few of them outside a run.
"""

from __future__ import annotations

# --- sign-in and session ------------------------------------------------------------------------------------
LANG_KEY = "lang"  # the language this session chose: app.py each run, the language switches (chrome, signin)
ACCOUNT_KEY = "dx_account"  # the signed-in username: session.sign_in_session
ACCOUNT_OBJ_KEY = "_dx_account_obj"  # the signed-in Account, read from the store once a run: session
SEEN_KEY = "dx_seen"  # time.time() of this session's last run while signed in: session, signin.gate
TOKEN_KEY = "_dx_token"  # the session token of this session's sign-in (the cookie's value): session
TOUCHED_KEY = "_dx_token_touched"  # time.time() the token's expiry was last pushed on: session.keep_alive
COOKIE_OP_KEY = "_dx_cookie_op"  # ("set", token, seconds) or ("clear",) for the next session.flush_cookie
TRIED_KEY = "_dx_cookie_tried"  # the cookie value this session already tried (not asked again): session
SIGNIN_BACKOFF_KEY = "dx_signin_backoff"  # this session's brake on wrong account passwords: signin
SIGNIN_EXPIRED_KEY = "dx_signin_expired"  # True after a sign-in timed out, shown once on the form: signin.gate
SIGNIN_MESSAGE_KEY = "dx_signin_message"  # the refusal or lock text of the last attempt, shown once: signin
EDITOR_KEY = "dx_editor"  # True once the write token or editor password was given: write_access
EDITOR_BACKOFF_KEY = "dx_auth_backoff"  # this session's brake on wrong write tokens and passwords: write_access
WRITE_TOKEN_INPUT_KEY = "dx_token"  # the write-token field (widget), emptied once accepted: write_access
EDITOR_PASSWORD_INPUT_KEY = "dx_password"  # the editor-password field (widget), emptied once accepted: write_access

# --- filter and link ----------------------------------------------------------------------------------------
FILTER_KEY = "filter"  # the shared Filter, the single truth of what pages show: filters
WRITTEN_KEY = "_written"  # the filter's query parameters the app last wrote to the link: filters.write_link
FILTER_NOTICES_KEY = "filter_notices"  # the opened link's ignored values (Notice list): filters
NOTICES_PAGE_KEY = "_notices_page"  # the url path of the page the notices' link opened: filters.show_notices
PERIOD_SHOWN_KEY = "_period_shown"  # (from, to) the period widgets were last set to: filters
DISTRICT_KEY = "flt_district"  # the district choice (widget): filters
COMMUNE_KEY = "flt_commune"  # the commune choice (widget): filters
PERIOD_PRESET_KEY = "flt_preset"  # the period preset (widget): filters
DATE_FROM_KEY = "flt_from"  # the period's first day (widget): filters
DATE_TO_KEY = "flt_to"  # the period's last day (widget): filters
GAPS_KEY = "flt_gaps"  # the gaps chosen (widget): filters
TEAM_TYPES_KEY = "flt_team_types"  # the team types chosen (widget): filters

# --- each page's choices ------------------------------------------------------------------------------------
MAP_KEY = "dx_map"  # the map component's last event (a click, or a data file it could not fetch): map_view
MAP_INLINE_KEY = "dx_map_inline"  # data files the browser could not fetch, sent with each run instead: map_view
MONTH_KEY = "map_month"  # the Map page's month (widget): map_month
MONTH_LINKED_KEY = "_map_month_param"  # the link's month the control was last set from (or wrote): map_month
INDICATOR_KEY = "ind_indicator"  # the Indicators page's indicator (widget): indicators_page
INDICATOR_KEEP_KEY = "ind_indicator_keep"  # that indicator, kept while other pages are open: indicators_page
BREAKDOWN_KEEP_KEY = "ind_breakdown_keep"  # the breakdown chosen, kept while its tab is closed: indicators_page
PRIO_PARAMS_KEY = "_prio_params"  # the link's `preset` and `w` the weights were last set from: priorities
PRIO_PRESET_KEY = "prio_preset"  # the weights preset (widget): priorities
PRIO_WEIGHT_PREFIX = "prio_w_"  # + a component: that component's weight (slider widget): priorities
PRIO_VIEW_KEY = "prio_table_view"  # the ranked table's view: why, do or moved (widget): priorities

# --- imports ------------------------------------------------------------------------------------------------
IMPORT_PLAN_KEY = "dx_import_plan"  # the dry run's ImportPlan awaiting a commit: data_import, reconciliation
IMPORT_ARGS_KEY = "dx_import_args"  # (uploads, table) of the last dry run, what "check again" reads: reconciliation
UPLOAD_COUNTER_KEY = "dx_upload_n"  # bumped after a commit, so the file input starts empty: data_import
FLASH_KEY = "dx_flash"  # a success message shown once on the next run: data_import, reconciliation
COMMITTED_KEY = "dx_committed"  # the last commit's (ImportResult, where), shown once on the next run: data_import
RESTORE_PENDING_KEY = "dx_restore_pending"  # the version asked to be restored, until confirmed: data_import
RECONCILE_CHOICE_PREFIX = "dx_rc_choice_"  # + a row: the id chosen for an unmatched name (widget): reconciliation
UPLOAD_OFFER_KEY = "_dx_upload_offer"  # the run (RUN_KEY) that last drew the file input: stcore_guard.offer_upload

# --- plans --------------------------------------------------------------------------------------------------
PLAN_KEY = "plan"  # (services.plan_key, PlanResult) of the last plan made: priorities
PLAN_REQUEST_KEY = "_plan_requested"  # True from the plan button's click until the run that solves: priorities
PLAN_NIGHTS_KEY = "plan_nights"  # the plan's nights (widget): priorities
PLAN_CAPACITY_KEY = "plan_capacity"  # villages a team covers per night (widget): priorities
PLAN_TRAVEL_KEY = "plan_travel"  # the longest trip in minutes (widget): priorities
PLAN_STAY_KEY = "plan_stay"  # whether teams stay in their area (widget): priorities
PLAN_PINNED_KEY = "_plan_a"  # (plan key, PlanResult, settings in words) kept as plan A: plan_compare
PLAN_TEAM_B_KEY = "_plan_team_b"  # (plan A's key, team change, plan B) of the last team comparison: plan_team_compare
FIELD_SHEET_REQUEST_KEY = "_fs_requested"  # True from the field-sheet button's click until made: exports
FIELD_SHEET_READY_KEY = "_fs_ready"  # (cache key, PDF bytes) of the field sheets last made: exports

# --- projector ----------------------------------------------------------------------------------------------
PRESENT_KEY = "present"  # True while the session shows the projector mode: projector
PRESENT_CONTROLS_KEY = "present_controls"  # whether the projector shows the sidebar (menu toggle widget): projector
PRESENT_TOGGLE_KEY = "present_toggle_off"  # the sidebar's "present" toggle (widget), off outside the mode: projector

# --- caches and run bookkeeping -----------------------------------------------------------------------------
RUN_KEY = "_dx_run"  # this session's run counter: session.next_run
DATA_VERSION_KEY = "_data_version"  # the DataVersion this run reads, the first part of cache keys: context, caching
DATA_VERSION_RUN_KEY = "_dx_data_version_run"  # the run (RUN_KEY) DATA_VERSION_KEY was asked in: caching
ACCOUNTS_ON_KEY = "_dx_accounts_on"  # whether the store holds accounts, asked once a run: session.accounts_on
ACCOUNTS_RUN_KEY = "_dx_accounts_run"  # the run (RUN_KEY) ACCOUNTS_ON_KEY was asked in: session.accounts_on

# What one account's session leaves behind (its view, the link's notices, its plan, its import and its message):
# cleared when an account signs in and when a sign-in ends, so the next account starts from its own area.
ACCOUNT_VIEW_KEYS = (
    FILTER_KEY,
    WRITTEN_KEY,
    FILTER_NOTICES_KEY,
    PLAN_KEY,
    IMPORT_PLAN_KEY,
    FIELD_SHEET_READY_KEY,
    FLASH_KEY,
)

# The beginnings of keys made per item (the item follows): a key built from one of these is not a literal.
KEY_PREFIXES = (PRIO_WEIGHT_PREFIX, RECONCILE_CHOICE_PREFIX)
