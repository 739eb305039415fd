# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import macros
from . import smtp_transport
from . import smsapi
from . import sms_provider
from . import schedule
from . import mail_store
from . import smime
