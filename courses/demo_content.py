# ruff: noqa: E501 - prose reads better unbroken
"""The words of the demo courses, kept apart from the code that builds them.

Every course has lessons of the same shape (text, steps with a screenshot, a
tip or warning, a picture, a short knowledge check) so editors can see each
block at work; some add a recording and a printable handout.
"""

TARGET_GROUPS = [
    ("nguoi-dan", "Người dân", "Mọi người dân từ 16 tuổi trở lên."),
    ("nguoi-cao-tuoi", "Người cao tuổi", "Ông bà, cha mẹ mới làm quen với điện thoại thông minh."),
    ("hoc-sinh-sinh-vien", "Học sinh, sinh viên", "Học sinh trung học và sinh viên trên địa bàn."),
    ("can-bo-cong-chuc", "Cán bộ, công chức, viên chức", "Người làm việc ở cơ quan nhà nước."),
    (
        "nguoi-lao-dong",
        "Người lao động, hợp tác xã",
        "Người lao động trong doanh nghiệp và hợp tác xã.",
    ),
    (
        "tieu-thuong-nong-dan",
        "Tiểu thương, nông dân",
        "Người buôn bán nhỏ ở chợ và bà con nông dân.",
    ),
    ("to-cong-nghe-so", "Tổ công nghệ số cộng đồng", "Thành viên tổ hướng dẫn người dân ở thôn."),
    (
        "thanh-nien-tinh-nguyen",
        "Đoàn viên, thanh niên tình nguyện",
        "Đoàn viên, thanh niên giúp người dân dùng công nghệ số.",
    ),
]

BASIC_SKILLS = [
    (
        "dich-vu-cong-truc-tuyen",
        "Dịch vụ công trực tuyến",
        "Nộp hồ sơ, tra cứu kết quả thủ tục hành chính trên mạng.",
    ),
    ("mua-sam-truc-tuyen", "Mua sắm trực tuyến", "Mua hàng trên sàn thương mại điện tử an toàn."),
    (
        "thanh-toan-truc-tuyen",
        "Thanh toán trực tuyến",
        "Chuyển khoản, quét mã QR, dùng ví điện tử.",
    ),
    (
        "tu-bao-ve-tren-mang",
        "Tự bảo vệ trên môi trường mạng",
        "Giữ mật khẩu, nhận diện lừa đảo, bảo vệ thông tin cá nhân.",
    ),
    (
        "nen-tang-so-khac",
        "Sử dụng các nền tảng số khác",
        "Zalo, VNeID, ứng dụng y tế, giáo dục của địa phương.",
    ),
]

PILLARS = [
    (
        "tieu-thuong",
        "Tiểu thương",
        "Đưa sạp hàng lên mạng: giới thiệu sản phẩm, nhận đơn qua Zalo.",
    ),
    ("thuong-mai-dien-tu", "Thương mại điện tử", "Mở gian hàng trên sàn, đóng gói và giao hàng."),
    (
        "thanh-toan-khong-dung-tien-mat",
        "Thanh toán không dùng tiền mặt",
        "VietQR, ứng dụng ngân hàng, ví điện tử.",
    ),
    ("tiet-kiem-so", "Tiết kiệm số", "Gửi tiết kiệm trực tuyến và tránh bẫy lừa đảo tài chính."),
]

# (title, slug, summary, description, level, minutes, groups, skills, colour, lessons)
# each lesson: (title, slug, summary, paragraphs, steps, tip, warning, image_alt, question)
# question: (text, kind, [(answer, correct, explanation), ...])
LOCAL_COURSES = [
    {
        "title": "Dùng điện thoại thông minh an toàn",
        "slug": "dung-dien-thoai-an-toan",
        "summary": "Làm quen với màn hình cảm ứng, đặt khóa màn hình và cài ứng dụng đúng cách.",
        "description": "<p>Khóa học dành cho người mới dùng điện thoại thông minh. "
        "Mỗi bài chỉ mất khoảng mười phút, có hình minh họa và câu hỏi ôn tập.</p>",
        "level": "beginner",
        "groups": ["nguoi-cao-tuoi", "nguoi-dan"],
        "skills": ["tu-bao-ve-tren-mang", "nen-tang-so-khac"],
        "colour": (11, 79, 138),
        "final_check": True,
        "lessons": [
            {
                "title": "Làm quen với màn hình cảm ứng",
                "summary": "Chạm, vuốt, giữ: ba thao tác cần biết đầu tiên.",
                "paragraphs": [
                    "Điện thoại thông minh được điều khiển bằng ngón tay. Chạm nhẹ một lần để mở, "
                    "vuốt để chuyển trang, chạm và giữ để xem thêm lựa chọn.",
                    "Đừng lo bấm nhầm: hầu hết thao tác đều có thể quay lại bằng nút Trở về.",
                ],
                "steps": [
                    "Nhấn nút nguồn ở cạnh điện thoại để bật màn hình.",
                    "Vuốt từ dưới lên để mở khóa.",
                    "Chạm vào biểu tượng <b>Điện thoại</b> để gọi, <b>Zalo</b> để nhắn tin.",
                ],
                "tip": "Phóng to chữ trong <b>Cài đặt → Màn hình → Cỡ chữ</b> để đọc dễ hơn.",
                "image_alt": "Bàn tay chạm vào màn hình điện thoại đang hiện các biểu tượng ứng dụng",
                "audio": True,
                "question": (
                    "Muốn quay lại màn hình trước, bạn làm gì?",
                    "single",
                    [
                        (
                            "Chạm vào nút Trở về",
                            True,
                            "Đúng. Nút Trở về đưa bạn về màn hình trước.",
                        ),
                        ("Tắt nguồn điện thoại", False, "Không cần tắt máy: chỉ cần nút Trở về."),
                        ("Tháo pin", False, "Tháo pin có thể làm hỏng máy và mất dữ liệu."),
                    ],
                ),
            },
            {
                "title": "Đặt mật khẩu và khóa màn hình",
                "summary": "Giữ điện thoại an toàn khi bị mất hoặc cho người khác mượn.",
                "paragraphs": [
                    "Khóa màn hình giúp người lạ không xem được tin nhắn, ảnh và tài khoản ngân hàng "
                    "của bạn. Hãy chọn mã PIN có sáu số, không dùng ngày sinh.",
                ],
                "steps": [
                    "Mở <b>Cài đặt</b>, chọn <b>Bảo mật</b> hoặc <b>Màn hình khóa</b>.",
                    "Chọn <b>Mã PIN</b> và nhập sáu số dễ nhớ với bạn nhưng khó đoán với người khác.",
                    "Nhập lại mã PIN để xác nhận, rồi thử khóa và mở máy.",
                ],
                "warning": "Không đưa mã PIN cho bất kỳ ai, kể cả người tự xưng là nhân viên nhà mạng.",
                "image_alt": "Màn hình khóa điện thoại với bàn phím số để nhập mã PIN",
                "document": True,
                "question": (
                    "Mã PIN nào an toàn hơn?",
                    "single",
                    [
                        ("123456", False, "Dãy số liên tiếp là mã dễ đoán nhất."),
                        (
                            "Ngày sinh của bạn",
                            False,
                            "Ngày sinh có trên giấy tờ, người khác dễ biết.",
                        ),
                        (
                            "Sáu số ngẫu nhiên chỉ bạn biết",
                            True,
                            "Đúng. Số ngẫu nhiên khó đoán nhất.",
                        ),
                    ],
                ),
            },
            {
                "title": "Cài ứng dụng từ kho chính thức",
                "summary": "Chỉ cài ứng dụng từ CH Play hoặc App Store, cập nhật thường xuyên.",
                "paragraphs": [
                    "Ứng dụng lạ gửi qua tin nhắn có thể đọc trộm mã OTP và chiếm tài khoản ngân hàng. "
                    "Kho ứng dụng chính thức kiểm tra ứng dụng trước khi cho tải.",
                ],
                "steps": [
                    "Mở <b>CH Play</b> (Android) hoặc <b>App Store</b> (iPhone).",
                    "Gõ tên ứng dụng, kiểm tra tên nhà phát triển và số lượt tải.",
                    "Chạm <b>Cài đặt</b> và chờ tải xong.",
                ],
                "warning": "Không bấm vào đường link lạ để tải ứng dụng có đuôi .apk.",
                "image_alt": "Kho ứng dụng trên điện thoại đang hiện nút Cài đặt màu xanh",
                "question": (
                    "Những nơi nào an toàn để tải ứng dụng?",
                    "multiple",
                    [
                        ("CH Play", True, "Đúng, đây là kho chính thức của Android."),
                        ("App Store", True, "Đúng, đây là kho chính thức của iPhone."),
                        (
                            "Đường link người lạ gửi qua Zalo",
                            False,
                            "Link lạ có thể chứa ứng dụng độc hại.",
                        ),
                    ],
                ),
            },
        ],
    },
    {
        "title": "Dịch vụ công trực tuyến và VNeID",
        "slug": "dich-vu-cong-va-vneid",
        "summary": "Kích hoạt tài khoản định danh điện tử, đăng nhập Cổng Dịch vụ công và nộp hồ sơ tại nhà.",
        "description": "<p>Nhiều thủ tục như đăng ký thường trú, cấp phiếu lý lịch tư pháp có thể làm "
        "trên điện thoại. Khóa học hướng dẫn từng bước, từ cài VNeID đến theo dõi kết quả.</p>",
        "level": "beginner",
        "groups": ["nguoi-dan", "can-bo-cong-chuc"],
        "skills": ["dich-vu-cong-truc-tuyen", "nen-tang-so-khac"],
        "colour": (20, 108, 46),
        "lessons": [
            {
                "title": "Cài đặt và kích hoạt VNeID",
                "summary": "Tài khoản định danh điện tử mức 2 dùng được cho hầu hết thủ tục.",
                "paragraphs": [
                    "VNeID là ứng dụng định danh điện tử của Bộ Công an. Sau khi kích hoạt, bạn dùng "
                    "tài khoản này để đăng nhập Cổng Dịch vụ công quốc gia mà không cần tạo tài khoản mới.",
                ],
                "steps": [
                    "Tải ứng dụng <b>VNeID</b> từ kho ứng dụng chính thức.",
                    "Nhập số định danh cá nhân (số căn cước) và số điện thoại chính chủ.",
                    "Nhập mã kích hoạt được gửi qua tin nhắn, rồi đặt mật khẩu và mã bảo vệ.",
                ],
                "tip": "Nếu chưa có tài khoản mức 2, hãy đến công an xã để được chụp ảnh và lấy vân tay.",
                "image_alt": "Màn hình đăng nhập ứng dụng VNeID với ô số định danh cá nhân",
                "audio": True,
                "question": (
                    "Bạn cần gì để kích hoạt VNeID?",
                    "multiple",
                    [
                        ("Số định danh cá nhân", True, "Đúng, đây là số trên thẻ căn cước."),
                        ("Số điện thoại chính chủ", True, "Đúng, mã kích hoạt được gửi về số này."),
                        (
                            "Mật khẩu ngân hàng",
                            False,
                            "VNeID không bao giờ hỏi mật khẩu ngân hàng.",
                        ),
                    ],
                ),
            },
            {
                "title": "Đăng nhập Cổng Dịch vụ công quốc gia",
                "summary": "Dùng tài khoản VNeID để vào dichvucong.gov.vn.",
                "paragraphs": [
                    "Cổng Dịch vụ công quốc gia có địa chỉ dichvucong.gov.vn. Hãy gõ đúng địa chỉ, "
                    "không bấm vào đường link lạ có tên gần giống.",
                ],
                "steps": [
                    "Mở trình duyệt, gõ <b>dichvucong.gov.vn</b>.",
                    "Chọn <b>Đăng nhập</b>, rồi chọn <b>Tài khoản định danh điện tử</b>.",
                    "Mở VNeID trên điện thoại để xác nhận đăng nhập.",
                ],
                "warning": "Trang giả mạo thường có địa chỉ lạ như dichvucong-gov.com. Hãy đọc kỹ địa chỉ.",
                "image_alt": "Trang chủ Cổng Dịch vụ công quốc gia với nút Đăng nhập ở góc trên",
                "question": (
                    "Địa chỉ nào là Cổng Dịch vụ công quốc gia?",
                    "single",
                    [
                        (
                            "dichvucong.gov.vn",
                            True,
                            "Đúng. Trang của cơ quan nhà nước có đuôi .gov.vn.",
                        ),
                        ("dichvucong-gov.com", False, "Đây là kiểu địa chỉ giả mạo thường gặp."),
                        ("dichvucong.vn.net", False, "Không phải trang chính thức."),
                    ],
                ),
            },
            {
                "title": "Nộp hồ sơ và theo dõi kết quả",
                "summary": "Điền tờ khai, đính kèm giấy tờ và tra cứu tình trạng hồ sơ.",
                "paragraphs": [
                    "Sau khi nộp, hồ sơ có mã số riêng. Bạn dùng mã này để tra cứu tiến độ và nhận "
                    "thông báo khi có kết quả.",
                ],
                "steps": [
                    "Tìm tên thủ tục, ví dụ <b>Đăng ký khai sinh</b>.",
                    "Điền tờ khai, chụp ảnh giấy tờ cần thiết và đính kèm.",
                    "Bấm <b>Nộp hồ sơ</b>, ghi lại mã hồ sơ để tra cứu.",
                ],
                "tip": "Tổ công nghệ số cộng đồng ở thôn sẵn sàng ngồi cùng bạn làm lần đầu.",
                "image_alt": "Danh sách hồ sơ đã nộp với trạng thái Đang xử lý",
                "document": True,
                "question": (
                    "Sau khi nộp hồ sơ, bạn nên giữ lại gì?",
                    "single",
                    [
                        ("Mã hồ sơ", True, "Đúng. Mã hồ sơ dùng để tra cứu kết quả."),
                        ("Mật khẩu VNeID ghi ra giấy", False, "Không nên ghi mật khẩu ra giấy."),
                        ("Không cần giữ gì", False, "Không có mã hồ sơ sẽ khó tra cứu."),
                    ],
                ),
            },
        ],
    },
    {
        "title": "Nhận diện lừa đảo trên mạng",
        "slug": "nhan-dien-lua-dao",
        "summary": "Nhận ra cuộc gọi, tin nhắn và đường link lừa đảo; biết phải làm gì khi bị lừa.",
        "description": "<p>Kẻ gian thường mạo danh công an, ngân hàng, nhân viên điện lực hoặc người thân. "
        "Khóa học giúp bạn nhận ra dấu hiệu và cách xử lý an toàn.</p>",
        "level": "beginner",
        "groups": ["nguoi-cao-tuoi", "nguoi-dan", "hoc-sinh-sinh-vien"],
        "skills": ["tu-bao-ve-tren-mang"],
        "colour": (176, 0, 32),
        "lessons": [
            {
                "title": "Những chiêu lừa đảo thường gặp",
                "summary": "Trúng thưởng, việc nhẹ lương cao, nhờ chuyển tiền gấp.",
                "paragraphs": [
                    "Mọi chiêu lừa đều muốn bạn vội vàng: chuyển tiền ngay, bấm link ngay, đọc mã OTP ngay. "
                    "Khi bị giục, hãy dừng lại và hỏi người thân hoặc tổ công nghệ số.",
                ],
                "steps": [
                    "Đọc kỹ người gửi: số lạ, tài khoản mới lập là dấu hiệu đáng ngờ.",
                    "Không bấm vào đường link trong tin nhắn trúng thưởng.",
                    "Gọi lại cho người thân bằng số bạn đã lưu để kiểm tra.",
                ],
                "warning": "Không bao giờ đọc mã OTP cho người khác qua điện thoại.",
                "image_alt": "Tin nhắn giả báo trúng thưởng kèm đường link lạ",
                "audio": True,
                "question": (
                    "Dấu hiệu nào cho thấy có thể là lừa đảo?",
                    "multiple",
                    [
                        (
                            "Bị giục chuyển tiền ngay",
                            True,
                            "Đúng. Kẻ gian luôn tạo cảm giác gấp gáp.",
                        ),
                        ("Được hỏi mã OTP", True, "Đúng. Không ai có quyền hỏi mã OTP của bạn."),
                        (
                            "Người thân gọi bằng số đã lưu để hỏi thăm",
                            False,
                            "Đây là cuộc gọi bình thường.",
                        ),
                    ],
                ),
            },
            {
                "title": "Cuộc gọi mạo danh công an, ngân hàng",
                "summary": "Cơ quan nhà nước không làm việc qua điện thoại để yêu cầu chuyển tiền.",
                "paragraphs": [
                    "Công an không gọi điện yêu cầu chuyển tiền để điều tra. Ngân hàng không hỏi mật khẩu "
                    "hay mã OTP. Nếu nghe những lời này, hãy tắt máy.",
                ],
                "steps": [
                    "Tắt máy khi bị yêu cầu chuyển tiền hoặc cài ứng dụng lạ.",
                    "Gọi tổng đài ngân hàng in trên thẻ để hỏi lại.",
                    "Báo công an xã nếu nghi ngờ bị lừa.",
                ],
                "tip": "Lưu số điện thoại của công an xã và ngân hàng vào danh bạ để gọi khi cần.",
                "image_alt": "Cuộc gọi đến từ số lạ tự xưng là công an",
                "question": (
                    "Người gọi tự xưng công an yêu cầu chuyển tiền để “điều tra”. Bạn làm gì?",
                    "single",
                    [
                        (
                            "Tắt máy và báo công an xã",
                            True,
                            "Đúng. Công an không làm việc như vậy.",
                        ),
                        ("Chuyển tiền cho nhanh", False, "Đây là chiêu lừa phổ biến nhất."),
                        (
                            "Đọc số tài khoản để họ kiểm tra",
                            False,
                            "Không cung cấp thông tin ngân hàng.",
                        ),
                    ],
                ),
            },
            {
                "title": "Làm gì khi đã bị lừa",
                "summary": "Khóa tài khoản, báo ngân hàng, báo công an càng sớm càng tốt.",
                "paragraphs": [
                    "Nếu lỡ chuyển tiền hoặc đọc mã OTP, đừng xấu hổ. Hãy hành động ngay: càng sớm, "
                    "khả năng giữ lại tiền càng cao.",
                ],
                "steps": [
                    "Gọi ngay tổng đài ngân hàng để khóa tài khoản.",
                    "Đổi mật khẩu các tài khoản quan trọng.",
                    "Đến công an xã trình báo, mang theo ảnh chụp tin nhắn và giao dịch.",
                ],
                "warning": "Cẩn thận với người hứa “lấy lại tiền giúp” để đòi phí: đó thường là lừa đảo lần hai.",
                "image_alt": "Người dân trình báo tại trụ sở công an xã",
                "document": True,
                "question": (
                    "Việc đầu tiên nên làm khi lỡ chuyển tiền cho kẻ gian là gì?",
                    "single",
                    [
                        (
                            "Gọi ngân hàng để khóa tài khoản",
                            True,
                            "Đúng. Báo ngân hàng càng sớm càng tốt.",
                        ),
                        ("Chờ vài ngày xem sao", False, "Chờ đợi làm mất cơ hội giữ lại tiền."),
                        (
                            "Nhờ người lạ trên mạng lấy lại tiền",
                            False,
                            "Đây thường là lừa đảo lần hai.",
                        ),
                    ],
                ),
            },
        ],
    },
]

PROGRAM = {
    "title": "Chợ số – Nông thôn số: mô hình 4T",
    "slug": "mo-hinh-4t",
    "intro": "<p>Bốn trụ cột giúp tiểu thương và bà con nông dân đưa việc buôn bán lên môi trường số: "
    "<b>Tiểu thương</b>, <b>Thương mại điện tử</b>, <b>Thanh toán không dùng tiền mặt</b> và "
    "<b>Tiết kiệm số</b>. Hoàn thành một khóa của mỗi trụ cột để hoàn thành chương trình.</p>",
}


def _lesson(title, summary, paragraph, steps, question, tip=None, warning=None, alt="", **extra):
    return {
        "title": title,
        "summary": summary,
        "paragraphs": [paragraph],
        "steps": steps,
        "tip": tip,
        "warning": warning,
        "image_alt": alt,
        "question": question,
        **extra,
    }


PROGRAM_COURSES = [
    {
        "pillar": "tieu-thuong",
        "title": "Tiểu thương: bán hàng qua Zalo",
        "slug": "ban-hang-qua-zalo",
        "summary": "Chụp ảnh sản phẩm đẹp, lập danh mục và nhận đơn hàng qua Zalo.",
        "level": "beginner",
        "groups": ["tieu-thuong-nong-dan"],
        "skills": ["tieu-thuong", "nen-tang-so-khac"],
        "colour": (138, 75, 0),
        "lessons": [
            _lesson(
                "Chụp ảnh sản phẩm bằng điện thoại",
                "Ánh sáng tự nhiên, nền gọn, chụp nhiều góc.",
                "Khách mua trên mạng chỉ thấy hàng qua ảnh. Ảnh rõ, sáng giúp bán được nhiều hơn.",
                [
                    "Đặt sản phẩm gần cửa sổ, nơi có ánh sáng tự nhiên.",
                    "Dùng tấm vải trơn làm nền.",
                    "Chụp mặt trước, mặt bên và cận cảnh.",
                ],
                (
                    "Nên chụp ảnh sản phẩm ở đâu?",
                    "single",
                    [
                        (
                            "Gần cửa sổ có ánh sáng tự nhiên",
                            True,
                            "Đúng. Ánh sáng tự nhiên cho màu thật.",
                        ),
                        (
                            "Trong phòng tối, bật đèn flash",
                            False,
                            "Đèn flash làm ảnh bị lóa, sai màu.",
                        ),
                    ],
                ),
                tip="Lau sạch ống kính điện thoại trước khi chụp.",
                alt="Rổ cam sành đặt trên nền vải trắng cạnh cửa sổ",
            ),
            _lesson(
                "Lập danh mục sản phẩm trên Zalo",
                "Zalo Business cho phép đăng sản phẩm kèm giá.",
                "Danh mục giúp khách xem hàng bất cứ lúc nào, không cần hỏi từng món.",
                [
                    "Mở Zalo, vào <b>Cá nhân → Zalo Business</b>.",
                    "Chọn <b>Danh mục sản phẩm → Thêm sản phẩm</b>.",
                    "Nhập tên, giá, mô tả ngắn và ảnh.",
                ],
                (
                    "Danh mục sản phẩm nên có gì?",
                    "multiple",
                    [
                        ("Tên và giá", True, "Đúng. Khách cần biết giá ngay."),
                        ("Ảnh thật của sản phẩm", True, "Đúng. Ảnh thật tạo niềm tin."),
                        (
                            "Số tài khoản ngân hàng của người khác",
                            False,
                            "Chỉ dùng tài khoản chính chủ.",
                        ),
                    ],
                ),
                alt="Danh mục sản phẩm trên Zalo với ảnh và giá từng món",
                audio=True,
            ),
            _lesson(
                "Trả lời khách và chốt đơn",
                "Trả lời nhanh, rõ ràng, ghi lại đơn hàng.",
                "Khách hàng trên mạng thích được trả lời nhanh. Hãy ghi lại tên, địa chỉ và số điện thoại.",
                [
                    "Chào khách và xác nhận món hàng.",
                    "Báo giá, phí giao hàng và thời gian giao.",
                    "Ghi đơn vào sổ hoặc bảng tính.",
                ],
                (
                    "Khi chốt đơn cần xác nhận gì với khách?",
                    "multiple",
                    [
                        ("Giá và phí giao hàng", True, "Đúng, để tránh hiểu lầm."),
                        ("Địa chỉ nhận hàng", True, "Đúng, để giao đúng nơi."),
                        ("Mật khẩu Zalo của khách", False, "Không bao giờ hỏi mật khẩu của khách."),
                    ],
                ),
                warning="Cẩn thận với “khách” gửi link lạ để “xác nhận đơn”: đó có thể là lừa đảo.",
                alt="Cuộc trò chuyện Zalo giữa người bán và khách hàng",
                document=True,
            ),
        ],
    },
    {
        "pillar": "thuong-mai-dien-tu",
        "title": "Thương mại điện tử: mở gian hàng trực tuyến",
        "slug": "mo-gian-hang-truc-tuyen",
        "summary": "Đăng ký gian hàng trên sàn, đăng sản phẩm, đóng gói và giao hàng.",
        "level": "intermediate",
        "groups": ["tieu-thuong-nong-dan", "nguoi-lao-dong"],
        "skills": ["thuong-mai-dien-tu", "mua-sam-truc-tuyen"],
        "colour": (74, 20, 140),
        "lessons": [
            _lesson(
                "Đăng ký tài khoản người bán",
                "Chuẩn bị căn cước, số điện thoại và tài khoản ngân hàng chính chủ.",
                "Các sàn thương mại điện tử lớn đều có kênh dành cho người bán, miễn phí đăng ký.",
                [
                    "Tải ứng dụng người bán của sàn.",
                    "Đăng ký bằng số điện thoại chính chủ.",
                    "Xác minh danh tính và liên kết tài khoản ngân hàng.",
                ],
                (
                    "Tài khoản ngân hàng liên kết với gian hàng phải là của ai?",
                    "single",
                    [
                        (
                            "Của chính chủ gian hàng",
                            True,
                            "Đúng. Tiền bán hàng về đúng tài khoản của bạn.",
                        ),
                        ("Của bất kỳ ai", False, "Tài khoản người khác có thể gây mất tiền."),
                    ],
                ),
                tip="Đặt tên gian hàng dễ nhớ, gắn với sản phẩm của địa phương.",
                alt="Màn hình đăng ký người bán trên sàn thương mại điện tử",
            ),
            _lesson(
                "Đăng sản phẩm đầu tiên",
                "Tên rõ ràng, mô tả trung thực, ảnh thật.",
                "Mô tả đúng sự thật giúp tránh bị trả hàng và giữ uy tín cho gian hàng.",
                [
                    "Chọn <b>Thêm sản phẩm</b>.",
                    "Nhập tên, ngành hàng, giá và số lượng.",
                    "Tải ảnh lên và bấm <b>Lưu và hiển thị</b>.",
                ],
                (
                    "Mô tả sản phẩm nên thế nào?",
                    "single",
                    [
                        (
                            "Trung thực, đúng với hàng thật",
                            True,
                            "Đúng. Trung thực giữ uy tín lâu dài.",
                        ),
                        (
                            "Khen thật nhiều dù không đúng",
                            False,
                            "Khách sẽ trả hàng và đánh giá thấp.",
                        ),
                    ],
                ),
                alt="Trang thêm sản phẩm với các ô tên, giá và ảnh",
                audio=True,
            ),
            _lesson(
                "Đóng gói và giao hàng",
                "Đóng gói chắc chắn, in phiếu giao hàng, hẹn đơn vị vận chuyển.",
                "Hàng nông sản cần đóng gói kỹ để không dập nát trên đường đi.",
                [
                    "Chọn thùng vừa với hàng, chèn giấy hoặc xốp.",
                    "Dán phiếu giao hàng lên thùng.",
                    "Hẹn giờ để đơn vị vận chuyển đến lấy.",
                ],
                (
                    "Vì sao cần chèn giấy hoặc xốp khi đóng gói?",
                    "single",
                    [
                        (
                            "Để hàng không bị dập nát",
                            True,
                            "Đúng. Hàng nguyên vẹn thì khách hài lòng.",
                        ),
                        ("Để thùng nặng hơn", False, "Thùng nặng hơn chỉ làm tăng phí giao."),
                    ],
                ),
                warning="Không nhận thanh toán qua đường link do người lạ gửi ngoài sàn.",
                alt="Thùng các-tông đã dán phiếu giao hàng",
                document=True,
            ),
        ],
    },
    {
        "pillar": "thanh-toan-khong-dung-tien-mat",
        "title": "Thanh toán không dùng tiền mặt bằng mã QR",
        "slug": "thanh-toan-ma-qr",
        "summary": "Tạo mã VietQR cho sạp hàng, nhận tiền và kiểm tra giao dịch.",
        "level": "beginner",
        "groups": ["tieu-thuong-nong-dan", "nguoi-dan"],
        "skills": ["thanh-toan-khong-dung-tien-mat", "thanh-toan-truc-tuyen"],
        "colour": (0, 95, 115),
        "lessons": [
            _lesson(
                "Tạo mã VietQR cho sạp hàng",
                "Ứng dụng ngân hàng tạo mã QR miễn phí.",
                "Mã VietQR dùng được với mọi ứng dụng ngân hàng trong nước. Khách quét là chuyển được tiền.",
                [
                    "Mở ứng dụng ngân hàng, chọn <b>Mã QR của tôi</b>.",
                    "Lưu ảnh mã QR về máy.",
                    "In mã ra giấy và dán ở nơi khách dễ thấy.",
                ],
                (
                    "Mã VietQR dùng được với những ứng dụng nào?",
                    "single",
                    [
                        (
                            "Hầu hết ứng dụng ngân hàng trong nước",
                            True,
                            "Đúng. VietQR là chuẩn chung.",
                        ),
                        ("Chỉ một ngân hàng", False, "VietQR là chuẩn chung của các ngân hàng."),
                    ],
                ),
                tip="Bọc mã QR trong túi nhựa trong để không bị ướt.",
                alt="Tấm mã QR dán trên quầy rau ngoài chợ",
                audio=True,
            ),
            _lesson(
                "Kiểm tra tiền đã vào tài khoản",
                "Xem thông báo biến động số dư trước khi giao hàng.",
                "Kẻ gian có thể đưa ảnh chuyển khoản giả. Chỉ tin vào thông báo từ ứng dụng ngân hàng của bạn.",
                [
                    "Bật thông báo biến động số dư trong ứng dụng ngân hàng.",
                    "Khi khách chuyển, chờ thông báo hiện lên.",
                    "Đối chiếu số tiền rồi mới giao hàng.",
                ],
                (
                    "Khách đưa ảnh chụp màn hình chuyển khoản. Bạn làm gì?",
                    "single",
                    [
                        (
                            "Kiểm tra thông báo trong ứng dụng ngân hàng của mình",
                            True,
                            "Đúng. Ảnh chụp có thể bị làm giả.",
                        ),
                        ("Tin ngay và giao hàng", False, "Ảnh chụp màn hình có thể là giả."),
                    ],
                ),
                warning="Ảnh chụp màn hình chuyển khoản có thể bị làm giả.",
                alt="Thông báo biến động số dư trên điện thoại",
            ),
            _lesson(
                "Dùng ví điện tử an toàn",
                "Đặt mã bảo vệ, giới hạn số tiền trong ví.",
                "Ví điện tử tiện cho khoản nhỏ. Chỉ nạp vừa đủ dùng và bật xác thực khi thanh toán.",
                [
                    "Cài ví từ kho ứng dụng chính thức.",
                    "Liên kết với tài khoản ngân hàng chính chủ.",
                    "Đặt mã bảo vệ và bật xác thực vân tay.",
                ],
                (
                    "Cách dùng ví điện tử an toàn là gì?",
                    "multiple",
                    [
                        ("Đặt mã bảo vệ", True, "Đúng."),
                        ("Chỉ nạp số tiền vừa đủ dùng", True, "Đúng."),
                        (
                            "Cho người lạ mượn điện thoại để thanh toán",
                            False,
                            "Người lạ có thể rút tiền.",
                        ),
                    ],
                ),
                alt="Ứng dụng ví điện tử với nút quét mã",
                document=True,
            ),
        ],
    },
    {
        "pillar": "tiet-kiem-so",
        "title": "Tiết kiệm số an toàn",
        "slug": "tiet-kiem-so-an-toan",
        "summary": "Gửi tiết kiệm trực tuyến, đặt mục tiêu và tránh các lời mời đầu tư lừa đảo.",
        "level": "intermediate",
        "groups": ["tieu-thuong-nong-dan", "nguoi-dan", "nguoi-lao-dong"],
        "skills": ["tiet-kiem-so", "tu-bao-ve-tren-mang"],
        "colour": (27, 94, 32),
        "lessons": [
            _lesson(
                "Mở sổ tiết kiệm trực tuyến",
                "Gửi tiết kiệm ngay trong ứng dụng ngân hàng.",
                "Tiết kiệm trực tuyến có lãi suất tương đương gửi tại quầy và rút được khi cần.",
                [
                    "Mở ứng dụng ngân hàng, chọn <b>Tiết kiệm</b>.",
                    "Chọn kỳ hạn và số tiền gửi.",
                    "Xác nhận bằng mã OTP gửi về điện thoại của bạn.",
                ],
                (
                    "Tiết kiệm trực tuyến mở ở đâu?",
                    "single",
                    [
                        ("Trong ứng dụng ngân hàng chính thức", True, "Đúng."),
                        ("Qua đường link người lạ gửi", False, "Link lạ có thể là trang giả mạo."),
                    ],
                ),
                tip="Chia tiền thành nhiều sổ nhỏ để rút một phần không mất lãi cả khoản.",
                alt="Màn hình mở sổ tiết kiệm trong ứng dụng ngân hàng",
            ),
            _lesson(
                "Đặt mục tiêu tiết kiệm",
                "Mỗi tháng để dành một khoản nhỏ, đều đặn.",
                "Một khoản nhỏ gửi đều mỗi tháng sẽ thành số tiền lớn sau vài năm.",
                [
                    "Ghi lại thu chi trong một tháng.",
                    "Chọn số tiền để dành phù hợp.",
                    "Cài lệnh chuyển tiền tự động vào sổ tiết kiệm.",
                ],
                (
                    "Cách tiết kiệm nào bền vững?",
                    "single",
                    [
                        (
                            "Để dành đều đặn mỗi tháng",
                            True,
                            "Đúng. Đều đặn quan trọng hơn số tiền lớn.",
                        ),
                        (
                            "Dồn hết tiền vào một lần rồi thôi",
                            False,
                            "Khó duy trì và dễ thiếu tiền tiêu.",
                        ),
                    ],
                ),
                alt="Biểu đồ số tiền tiết kiệm tăng dần theo tháng",
                audio=True,
            ),
            _lesson(
                "Tránh bẫy đầu tư lừa đảo",
                "Lãi cao bất thường là dấu hiệu lừa đảo.",
                "Không có khoản đầu tư nào vừa lãi rất cao vừa không rủi ro. Hãy hỏi ngân hàng trước khi gửi tiền.",
                [
                    "Nghi ngờ lời mời lãi vài phần trăm mỗi ngày.",
                    "Tìm hiểu công ty trên trang chính thức.",
                    "Hỏi người thân hoặc tổ công nghệ số trước khi quyết định.",
                ],
                (
                    "Lời mời “lãi 3% mỗi ngày” là gì?",
                    "single",
                    [
                        (
                            "Dấu hiệu lừa đảo",
                            True,
                            "Đúng. Không kênh đầu tư hợp pháp nào trả lãi như vậy.",
                        ),
                        ("Cơ hội hiếm có", False, "Đây là chiêu lừa quen thuộc."),
                    ],
                ),
                warning="Các nhóm “đầu tư” trên mạng hứa lãi cao thường là lừa đảo.",
                alt="Tin nhắn mời đầu tư hứa lãi cao bất thường",
                document=True,
            ),
        ],
    },
]

# Demo entries on the national platform. The addresses are examples of the
# platform's host; editors replace them with the courses' real addresses.
NATIONAL_COURSES = [
    {
        "title": "Kỹ năng số cơ bản cho mọi người dân",
        "url": "https://binhdanhocvuso.gov.vn/khoa-hoc/ky-nang-so-co-ban",
        "description": "Khóa học nhập môn: dùng điện thoại, Internet và các dịch vụ số thiết yếu.",
        "groups": ["nguoi-dan", "nguoi-cao-tuoi"],
        "skills": ["nen-tang-so-khac"],
    },
    {
        "title": "Sử dụng dịch vụ công trực tuyến",
        "url": "https://binhdanhocvuso.gov.vn/khoa-hoc/dich-vu-cong-truc-tuyen",
        "description": "Đăng nhập Cổng Dịch vụ công quốc gia, nộp hồ sơ và thanh toán lệ phí trực tuyến.",
        "groups": ["nguoi-dan", "can-bo-cong-chuc"],
        "skills": ["dich-vu-cong-truc-tuyen"],
    },
    {
        "title": "Mua sắm trực tuyến an toàn",
        "url": "https://binhdanhocvuso.gov.vn/khoa-hoc/mua-sam-truc-tuyen-an-toan",
        "description": "Chọn sàn uy tín, đọc đánh giá, thanh toán và đổi trả hàng.",
        "groups": ["nguoi-dan", "hoc-sinh-sinh-vien"],
        "skills": ["mua-sam-truc-tuyen"],
    },
    {
        "title": "Thanh toán trực tuyến và ví điện tử",
        "url": "https://binhdanhocvuso.gov.vn/khoa-hoc/thanh-toan-truc-tuyen",
        "description": "Chuyển khoản, quét mã QR, dùng ví điện tử và giữ an toàn tài khoản.",
        "groups": ["nguoi-dan", "tieu-thuong-nong-dan"],
        "skills": ["thanh-toan-truc-tuyen", "thanh-toan-khong-dung-tien-mat"],
    },
    {
        "title": "Bảo vệ bản thân trên không gian mạng",
        "url": "https://binhdanhocvuso.gov.vn/khoa-hoc/bao-ve-ban-than-tren-mang",
        "description": "Mật khẩu mạnh, xác thực hai lớp, nhận diện tin giả và lừa đảo trực tuyến.",
        "groups": ["nguoi-dan", "hoc-sinh-sinh-vien", "nguoi-cao-tuoi"],
        "skills": ["tu-bao-ve-tren-mang"],
    },
    {
        "title": "Kỹ năng số cho cán bộ, công chức",
        "url": "https://binhdanhocvuso.gov.vn/khoa-hoc/ky-nang-so-can-bo-cong-chuc",
        "description": "Xử lý văn bản điện tử, chữ ký số và khai thác dữ liệu dân cư.",
        "groups": ["can-bo-cong-chuc"],
        "skills": ["dich-vu-cong-truc-tuyen", "nen-tang-so-khac"],
    },
    {
        "title": "Thương mại điện tử cho hợp tác xã",
        "url": "https://binhdanhocvuso.gov.vn/khoa-hoc/thuong-mai-dien-tu-hop-tac-xa",
        "description": "Đưa nông sản lên sàn, xây dựng thương hiệu và truy xuất nguồn gốc.",
        "groups": ["nguoi-lao-dong", "tieu-thuong-nong-dan"],
        "skills": ["thuong-mai-dien-tu"],
    },
]

CERTIFICATE_HINT = (
    "Sau khi hoàn thành, vào mục “Chứng chỉ của tôi”: số chứng chỉ in ở góc dưới bên phải "
    "của chứng chỉ, bên cạnh ngày cấp."
)
