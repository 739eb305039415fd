# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_templates
from . import test_sending
from . import test_sms
from . import test_autosend
from . import test_mailbox
from . import test_smime
from . import test_mailbox_tour
from . import test_sms_callback
from . import test_schedule
from . import test_sms_links
from . import test_address_book
from . import test_autosend_pdf
from . import test_autosend_workers
from . import test_folders_sync
from . import test_drafts_sync
from . import test_account_migration
